package org.paperboy.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each log event as one JSON object on one line ({@code PAPERBOY_LOG_FORMAT=json}): {@code
 * time} (ISO 8601 with the offset), {@code level}, {@code logger}, {@code thread}, {@code message}
 * (addresses masked), the event's key-value pairs as fields (the access log's {@code method},
 * {@code route}, {@code status}, {@code bytes}, {@code ms}), and {@code exception} with the stack.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent> {

  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NONE = new byte[0];
  private final ZoneId zone = ZoneId.systemDefault();

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField(
          "time",
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
              OffsetDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone)));
      g.writeStringField("level", event.getLevel().toString());
      g.writeStringField("logger", event.getLoggerName());
      g.writeStringField("thread", event.getThreadName());
      g.writeStringField("message", LogMask.mask(event.getFormattedMessage()));
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair kv : event.getKeyValuePairs()) {
          if (kv.value instanceof Number n) {
            g.writeFieldName(kv.key);
            g.writeNumber(n.toString());
          } else {
            g.writeStringField(kv.key, LogMask.mask(String.valueOf(kv.value)));
          }
        }
      }
      if (event.getThrowableProxy() != null) {
        g.writeStringField(
            "exception", LogMask.mask(ThrowableProxyUtil.asString(event.getThrowableProxy())));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
