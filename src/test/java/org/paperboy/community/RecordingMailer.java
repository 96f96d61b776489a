package org.paperboy.community;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;

/** A mailer that keeps what it is given. */
final class RecordingMailer implements Mailer {

  final List<MailMessage> sent = new CopyOnWriteArrayList<>();

  @Override
  public void send(MailMessage message) {
    sent.add(message);
  }

  /** The token in the last mail's link. */
  String lastToken() {
    String text = sent.get(sent.size() - 1).text();
    int i = text.indexOf("?token=") + "?token=".length();
    return text.substring(i, i + 43);
  }
}
