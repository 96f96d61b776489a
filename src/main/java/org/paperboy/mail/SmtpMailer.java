package org.paperboy.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.net.SocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.MailConnectException;
import org.paperboy.config.Settings;

/**
 * Sends messages through an SMTP relay, a batch of them over one connection. With STARTTLS on, the
 * connection must be upgraded to TLS (server identity checked) before authenticating or sending; a
 * relay that does not offer it is an error, never a silent fall back to clear text.
 *
 * <p>A failure is permanent only when the relay answered 5xx to the recipient ({@code RCPT}) or to
 * the message ({@code DATA} or its end): that answer will not change. Everything else is temporary:
 * a 4xx, no connection, a dropped connection, a timeout, and also a 5xx to the sender ({@code MAIL
 * FROM}) or to the login, which say the relay or our settings are wrong, not the recipient.
 */
final class SmtpMailer implements Mailer {

  private static final String TIMEOUT_MS = "30000";

  private final Settings.Smtp smtp;
  private final MimeComposer composer;
  private final Session session;

  SmtpMailer(Settings.Smtp smtp, MimeComposer composer) {
    this.smtp = smtp;
    this.composer = composer;
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", smtp.host());
    props.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    props.setProperty("mail.smtp.auth", Boolean.toString(smtp.user() != null));
    props.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
    props.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
    props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    props.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
    props.setProperty("mail.smtp.timeout", TIMEOUT_MS);
    props.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
    // After a failed message, isConnected() probes with RSET rather than NOOP, which also clears
    // whatever half-finished transaction the failure left, so the next message starts clean.
    props.setProperty("mail.smtp.userset", "true");
    props.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
    this.session = Session.getInstance(props);
  }

  /** Sends one message over a connection of its own. */
  @Override
  public void send(MailMessage message) {
    try (MailBatch batch = batch()) {
      batch.send(message);
    }
  }

  /** A batch that connects on its first message and keeps the connection until closed. */
  @Override
  public MailBatch batch() {
    return new Batch();
  }

  private String relay() {
    return "SMTP relay " + smtp.host() + ":" + smtp.port();
  }

  /**
   * One connection, opened on the first message. When a reused connection turns out to have been
   * dropped by the relay while idle, the batch reconnects and sends that message once more (see
   * {@link #safeToResend}); a message the relay may have taken is never sent twice. After a failed
   * message the connection is probed with RSET and kept when it answers.
   */
  private final class Batch implements MailBatch {

    private SMTPTransport transport;

    @Override
    public void send(MailMessage message) {
      MimeMessage mime;
      Address[] recipients;
      try {
        mime = composer.compose(message, session);
        recipients = mime.getAllRecipients();
      } catch (MessagingException e) {
        throw new MailException("cannot compose the mail to " + message.to() + ": " + e, e);
      }
      boolean reused = transport != null;
      try {
        deliver(mime, recipients);
      } catch (MessagingException e) {
        MessagingException last = e;
        if (reused && safeToResend(e)) {
          disconnect();
          try {
            deliver(mime, recipients);
            return;
          } catch (MessagingException again) {
            last = again;
          }
        }
        MailException failure = failure(last, message.to());
        keepConnectionIfAlive();
        throw failure;
      }
    }

    private void deliver(MimeMessage mime, Address[] recipients) throws MessagingException {
      if (transport == null) {
        SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
        t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        transport = t;
      }
      transport.sendMessage(mime, recipients);
    }

    // isConnected() sends RSET and closes the connection itself when that fails.
    private void keepConnectionIfAlive() {
      if (transport != null && !transport.isConnected()) {
        disconnect();
      }
    }

    private void disconnect() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException ignored) {
          // the connection is being given up; its goodbye failing changes nothing
        }
        transport = null;
      }
    }

    @Override
    public void close() {
      disconnect();
    }
  }

  /**
   * Whether a message that failed on a reused connection can be sent again on a new one without
   * risk of a duplicate: the relay answered nothing (the connection was gone) or "421 closing", and
   * the failure was not the missing reply to the end of the data, after which the relay may hold
   * the message.
   */
  static boolean safeToResend(MessagingException e) {
    for (Throwable t : chain(e)) {
      int code = replyCode(t);
      if (code == -1 && t instanceof SMTPSendFailedException s && ".".equals(s.getCommand())) {
        return false;
      }
      if (code >= 0 && code != 421) {
        return false;
      }
    }
    return true;
  }

  /**
   * Classifies a failure by the first SMTP reply in the exception chain and the command it
   * answered: 5xx to {@code RCPT} or to {@code DATA} and the end of the data is permanent, anything
   * else temporary.
   */
  MailException failure(MessagingException e, String to) {
    for (Throwable t : chain(e)) {
      int code = replyCode(t);
      if (code < 0) {
        continue;
      }
      String command = command(t);
      String reply = reply(t);
      boolean fivexx = code >= 500 && code < 600;
      if (command.startsWith("RCPT")) {
        return new MailException(
            relay() + " refused the recipient " + to + ", " + kind(fivexx) + ": " + reply,
            e,
            fivexx,
            code);
      }
      if (command.equals(".") || command.startsWith("DATA") || command.startsWith("BDAT")) {
        return new MailException(
            relay() + " refused the message to " + to + ", " + kind(fivexx) + ": " + reply,
            e,
            fivexx,
            code);
      }
      if (command.startsWith("MAIL")) {
        return new MailException(
            relay()
                + " refused the sender ("
                + command
                + "), a temporary failure: PAPERBOY_MAIL_FROM or the relay needs fixing, not the"
                + " recipient "
                + to
                + ": "
                + reply,
            e,
            false,
            code);
      }
      return new MailException(
          relay() + " answered " + command + " with a temporary failure: " + reply, e, false, code);
    }
    if (e instanceof AuthenticationFailedException) {
      return new MailException(
          relay()
              + " refused the login of PAPERBOY_SMTP_USER, a temporary failure until the settings"
              + " are fixed: "
              + reply(e),
          e,
          false,
          leadingCode(e.getMessage()));
    }
    for (Throwable t : chain(e)) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof MailConnectException) {
        return new MailException(
            relay() + " could not be reached, a temporary failure: " + describe(e), e, false, -1);
      }
    }
    for (Throwable t : chain(e)) {
      if (replyCode(t) == -1 && command(t) != null) {
        return new MailException(
            relay()
                + " closed the connection without answering "
                + command(t)
                + ", a temporary failure: "
                + describe(e),
            e,
            false,
            -1);
      }
    }
    return new MailException(
        relay() + " did not take the mail to " + to + ", a temporary failure: " + describe(e),
        e,
        false,
        -1);
  }

  private static String kind(boolean permanent) {
    return permanent ? "a permanent failure" : "a temporary failure";
  }

  // The code an AuthenticationFailedException carries only in its text, such as "535 5.7.8 ...".
  private static int leadingCode(String reply) {
    if (reply != null
        && reply.length() >= 3
        && reply.substring(0, 3).chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(reply.substring(0, 3));
    }
    return -1;
  }

  private static String command(Throwable t) {
    if (t instanceof SMTPAddressFailedException a) {
      return a.getCommand();
    }
    if (t instanceof SMTPSenderFailedException s) {
      return s.getCommand();
    }
    if (t instanceof SMTPSendFailedException s) {
      return s.getCommand();
    }
    return null;
  }

  private static int replyCode(Throwable t) {
    if (t instanceof SMTPAddressFailedException a) {
      return a.getReturnCode();
    }
    if (t instanceof SMTPSenderFailedException s) {
      return s.getReturnCode();
    }
    if (t instanceof SMTPSendFailedException s) {
      return s.getReturnCode();
    }
    return -1;
  }

  private static String reply(Throwable t) {
    String m = t.getMessage();
    return m == null ? "(no reply text)" : m.strip();
  }

  // The exception and what it wraps, with the underlying I/O error, in one line.
  private static String describe(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t : chain(e)) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return b.toString();
  }

  /** The exception, then every exception it leads to through next exceptions and causes. */
  private static Iterable<Throwable> chain(Throwable e) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = new HashSet<>();
    List<Throwable> out = new ArrayList<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      out.add(t);
      if (t instanceof MessagingException m && m.getNextException() != null) {
        todo.add(m.getNextException());
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return out;
  }

  /**
   * Plain sockets with Nagle's algorithm off. Jakarta Mail writes a message and then the closing
   * {@code "."} in separate segments; with Nagle on, the second waits for the ACK of the first,
   * which the relay delays (about 40 ms) since it has nothing to answer yet: every message in a
   * batch paid that wait. STARTTLS layers TLS over this socket, so it applies there too.
   */
  static final class NoDelaySocketFactory extends SocketFactory {

    private static Socket noDelay(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public Socket createSocket() throws IOException {
      return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return noDelay(new Socket(address, port, localAddress, localPort));
    }
  }
}
