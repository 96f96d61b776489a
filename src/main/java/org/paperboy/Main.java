package org.paperboy;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code paperboy} command line. */
@Command(
    name = "paperboy",
    mixinStandardHelpOptions = true,
    version = "Paperboy 0.1.0",
    description = "A self-hostable research-paper discovery site.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
