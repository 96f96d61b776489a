package org.paperboy.ops;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks e-mail addresses in log lines: {@code ada@example.org} becomes {@code a***@example.org}, so
 * a log shows which domain a mail went to but not to whom. logback.xml puts {@link MaskedMessage}
 * in place of {@code %msg} and {@link MaskedException} in place of {@code %ex}; {@link JsonLines}
 * masks the same way.
 */
public final class LogMask {

  /** Anything shaped like an address in free text (looser than what sign-in accepts). */
  private static final Pattern ADDRESS =
      Pattern.compile(
          "([A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]*@([A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+)");

  private LogMask() {}

  /** The text with every address's local part cut to its first character and {@code ***}. */
  public static String mask(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    Matcher m = ADDRESS.matcher(text);
    return m.replaceAll("$1***@$2");
  }

  /** {@code %msg} with addresses masked. */
  public static final class MaskedMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return mask(event.getFormattedMessage());
    }
  }

  /** {@code %ex} with addresses masked (exception messages quote what they were given). */
  public static final class MaskedException extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(ch.qos.logback.classic.spi.IThrowableProxy tp) {
      return mask(super.throwableProxyToString(tp));
    }
  }
}
