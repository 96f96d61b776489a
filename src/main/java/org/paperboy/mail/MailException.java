package org.paperboy.mail;

/** A message could not be sent or written; the message says where and why. */
public final class MailException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
