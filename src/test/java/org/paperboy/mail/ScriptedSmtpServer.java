package org.paperboy.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server on a loopback port whose replies a test scripts: a 550 or 451 for one
 * recipient, a refused message, a connection dropped without a word. GreenMail accepts everything,
 * so the failure paths of the SMTP mailer are tested against this one. It serves one connection at
 * a time, which is all a batch uses.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  /** A reply that closes the connection instead of answering. */
  static final String DROP = "<drop>";

  final List<String> commands = new CopyOnWriteArrayList<>();
  final List<String> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();

  private final Map<String, String> replies = new ConcurrentHashMap<>();
  private final ServerSocket server;
  private final Thread thread;
  private volatile boolean dropAfterEachMessage;
  private volatile Socket current;

  public ScriptedSmtpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  /** The messages accepted so far, as received. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  public int port() {
    return server.getLocalPort();
  }

  /**
   * Answers every command that starts with {@code command} (case-insensitive; {@code "."} is the
   * end of a message's data) with {@code reply}, or closes the connection when it is {@link #DROP}.
   */
  public ScriptedSmtpServer reply(String command, String reply) {
    replies.put(command.toUpperCase(Locale.ROOT), reply);
    return this;
  }

  /** Closes the connection, without a word, right after accepting each message. */
  ScriptedSmtpServer dropAfterEachMessage() {
    dropAfterEachMessage = true;
    return this;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        current = s;
        connections.incrementAndGet();
        converse(s);
      } catch (IOException e) {
        // the client went away or the server is closing; wait for the next connection
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    OutputStream out = s.getOutputStream();
    send(out, "220 scripted ESMTP");
    StringBuilder data = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (data != null && !line.equals(".")) {
        data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        continue;
      }
      commands.add(line);
      String upper = line.toUpperCase(Locale.ROOT);
      String reply = scripted(upper);
      if (reply == null) {
        reply =
            upper.startsWith("EHLO") || upper.startsWith("HELO")
                ? "250 scripted"
                : upper.startsWith("DATA")
                    ? "354 end with <CRLF>.<CRLF>"
                    : upper.startsWith("QUIT") ? "221 bye" : "250 OK";
      }
      if (reply.equals(DROP)) {
        return;
      }
      send(out, reply);
      if (upper.startsWith("DATA") && reply.startsWith("354")) {
        data = new StringBuilder();
      } else if (line.equals(".")) {
        if (reply.startsWith("250")) {
          messages.add(data.toString());
        }
        data = null;
        if (dropAfterEachMessage) {
          return;
        }
      } else if (upper.startsWith("QUIT")) {
        return;
      }
    }
  }

  private String scripted(String upperCommand) {
    for (Map.Entry<String, String> r : replies.entrySet()) {
      if (upperCommand.startsWith(r.getKey())) {
        return r.getValue();
      }
    }
    return null;
  }

  private static void send(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket s = current;
    if (s != null) {
      s.close();
    }
  }
}
