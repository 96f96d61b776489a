package org.paperboy.mail;

/**
 * A message could not be sent or written; the message says where and why, whether the failure is
 * permanent or temporary, and quotes the SMTP server's reply when there was one.
 *
 * <p>The digest sender needs the distinction: a permanent failure (the server answered 5xx for the
 * recipient or for the message) will fail the same way every time, so that mail is given up on; a
 * temporary one (a 4xx reply, a refused or dropped connection, a timeout, a full disk, a rejected
 * login) may succeed later, so it is retried.
 */
public final class MailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean permanent;
  private final int smtpCode;

  /** A temporary failure without an SMTP reply, such as an I/O error. */
  MailException(String message, Throwable cause) {
    this(message, cause, false, -1);
  }

  MailException(String message, Throwable cause, boolean permanent, int smtpCode) {
    super(message, cause);
    this.permanent = permanent;
    this.smtpCode = smtpCode;
  }

  /**
   * Whether sending the same message to the same recipient again can never succeed: the SMTP server
   * answered 5xx for the recipient or for the message itself. False for everything that may clear
   * up on its own or once the operator fixes the configuration.
   */
  public boolean permanent() {
    return permanent;
  }

  /** The SMTP reply code behind the failure, such as 550 or 451; −1 when there was none. */
  public int smtpCode() {
    return smtpCode;
  }
}
