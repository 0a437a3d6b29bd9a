package dev.portcullis.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every record of the {@code dev.portcullis} loggers (System.Logger goes to
 * java.util.logging here), formatted as {@code LEVEL logger: message} with any throwable's text.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("dev.portcullis");
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record.getParameters() == null
                  ? record.getMessage()
                  : MessageFormat.format(record.getMessage(), record.getParameters());
          String thrown = record.getThrown() == null ? "" : " " + record.getThrown();
          lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message + thrown);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture() {
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  /**
   * Starts capturing at every level.
   *
   * @return the capture; close it to stop
   */
  public static LogCapture start() {
    return new LogCapture();
  }

  /**
   * Everything captured so far.
   *
   * @return the lines
   */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * The lines of one logger, without the level and logger prefix.
   *
   * @param logger the logger's name
   * @return its messages in order
   */
  public List<String> messages(String logger) {
    String marker = " " + logger + ": ";
    return lines.stream()
        .filter(l -> l.contains(marker))
        .map(l -> l.substring(l.indexOf(marker) + marker.length()))
        .toList();
  }

  /** Forgets what was captured so far. */
  public void clear() {
    lines.clear();
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(null);
  }
}
