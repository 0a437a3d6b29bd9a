package dev.portcullis.testing;

import dev.portcullis.config.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** {@link Metrics} that remembers everything, keyed {@code name{tag=value,...}} (tags sorted). */
public final class RecordingMetrics implements Metrics {
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
  private final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();

  /** Creates an empty recorder. */
  public RecordingMetrics() {}

  private static String key(String name, Map<String, String> tags) {
    return name + new TreeMap<>(tags);
  }

  @Override
  public void increment(String name, Map<String, String> tags) {
    counters.computeIfAbsent(key(name, tags), k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
    gauges.put(key(name, tags), value);
  }

  @Override
  public void record(String name, Map<String, String> tags, Duration duration) {
    timers.computeIfAbsent(key(name, tags), k -> new CopyOnWriteArrayList<>()).add(duration);
  }

  /**
   * Counter values.
   *
   * @return {@code name{tags}} to count
   */
  public Map<String, Long> counters() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Reads a gauge now.
   *
   * @param key {@code name{tags}}
   * @return its value
   * @throws IllegalArgumentException when no such gauge was registered
   */
  public double gauge(String key) {
    DoubleSupplier g = gauges.get(key);
    if (g == null) {
      throw new IllegalArgumentException("No gauge " + key + "; have " + gauges.keySet());
    }
    return g.getAsDouble();
  }

  /**
   * Recorded durations of a timer.
   *
   * @param key {@code name{tags}}
   * @return the durations, empty when none
   */
  public List<Duration> timer(String key) {
    return List.copyOf(timers.getOrDefault(key, List.of()));
  }
}
