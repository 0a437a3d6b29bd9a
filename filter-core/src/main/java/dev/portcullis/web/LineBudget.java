package dev.portcullis.web;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Bounds the audit lines of one filter per reason, so that a flood of bad credentials is not a
 * flood of log lines: at most {@value #LINES_PER_INTERVAL} lines per reason in each {@link
 * #INTERVAL}; the lines beyond are counted, and the first line for that reason after the interval
 * ends is preceded by one summary line with the count suppressed. Counters in the metrics are never
 * bounded. At most {@value #MAX_REASONS} reasons are tracked apart; further ones share one budget.
 */
final class LineBudget {
  /** Lines written per reason and interval. */
  static final int LINES_PER_INTERVAL = 20;

  /** The length of an interval. */
  static final Duration INTERVAL = Duration.ofMinutes(1);

  /** Reasons tracked apart. */
  static final int MAX_REASONS = 64;

  private static final String OTHER = "other";

  private final Ticker ticker;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  LineBudget(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * Whether a line for {@code reason} may be written now. When an interval with suppressed lines
   * has ended, first hands {@code summary} the count suppressed in it.
   */
  boolean admit(String reason, SummaryWriter summary) {
    String key = windows.containsKey(reason) || windows.size() < MAX_REASONS ? reason : OTHER;
    Window window = windows.computeIfAbsent(key, k -> new Window(ticker.read()));
    return window.admit(ticker.read(), count -> summary.write(key, count));
  }

  /** Writes the summary of an interval. */
  @FunctionalInterface
  interface SummaryWriter {
    void write(String reason, long suppressed);
  }

  private static final class Window {
    private long start;
    private int written;
    private long suppressed;

    Window(long start) {
      this.start = start;
    }

    synchronized boolean admit(long now, Consumer<Long> summary) {
      if (now - start >= INTERVAL.toNanos()) {
        if (suppressed > 0) {
          summary.accept(suppressed);
        }
        start = now;
        written = 0;
        suppressed = 0;
      }
      if (written < LINES_PER_INTERVAL) {
        written++;
        return true;
      }
      suppressed++;
      return false;
    }
  }
}
