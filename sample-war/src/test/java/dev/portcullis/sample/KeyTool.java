package dev.portcullis.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code dev.portcullis.apikey.ApiKeyTool} in a child JVM, as an operator would, and
 * reads what it printed: the key (line 2) and, for the key file, the line to add (line 5).
 */
final class KeyTool {
  private KeyTool() {}

  /**
   * What the tool printed.
   *
   * @param key the new key
   * @param lines every line printed
   */
  record Made(String key, List<String> lines) {
    /** The line for the key file (without {@code --jdbc-url}). */
    String fileLine() {
      return lines.get(4);
    }
  }

  /** Runs the tool with {@code args}; fails unless it exits 0. */
  static Made run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.portcullis.apikey.ApiKeyTool");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroy();
      throw new IllegalStateException("ApiKeyTool failed:\n" + output);
    }
    List<String> lines = output.lines().toList();
    return new Made(lines.get(1), lines);
  }
}
