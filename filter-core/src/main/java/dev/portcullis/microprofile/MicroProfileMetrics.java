package dev.portcullis.microprofile;

import dev.portcullis.config.Metrics;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link Metrics} in the application's MicroProfile Metrics registry: names get the prefix {@code
 * portcullis.}, every metric the tag {@code filter}. Closing removes what this filter registered.
 */
public final class MicroProfileMetrics implements Metrics, AutoCloseable {
  private static final String PREFIX = "portcullis.";

  private final MetricRegistry registry;
  private final String filter;
  private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
  private final Set<MetricID> registered = ConcurrentHashMap.newKeySet();

  private record Key(String name, Map<String, String> tags) {}

  private MicroProfileMetrics(MetricRegistry registry, String filter) {
    this.registry = registry;
    this.filter = filter;
  }

  /**
   * Metrics of one filter in the application registry found through CDI.
   *
   * @param filter the filter's name, added as tag {@code filter}
   * @return the metrics
   * @throws IllegalStateException when CDI is not running
   */
  public static MicroProfileMetrics of(String filter) {
    return new MicroProfileMetrics(
        CDI.current().select(MetricRegistryHolder.class).get().registry(), filter);
  }

  @Override
  public void increment(String name, Map<String, String> tags) {
    counters
        .computeIfAbsent(new Key(name, tags), k -> registry.counter(remember(k), tags(k.tags())))
        .inc();
  }

  @Override
  public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
    Key key = new Key(name, tags);
    registry.gauge(remember(key), value::getAsDouble, tags(tags));
  }

  @Override
  public void record(String name, Map<String, String> tags, Duration duration) {
    timers
        .computeIfAbsent(new Key(name, tags), k -> registry.timer(remember(k), tags(k.tags())))
        .update(duration);
  }

  private String remember(Key key) {
    registered.add(new MetricID(PREFIX + key.name(), tags(key.tags())));
    return PREFIX + key.name();
  }

  private Tag[] tags(Map<String, String> tags) {
    Tag[] all = new Tag[tags.size() + 1];
    int i = 0;
    for (Map.Entry<String, String> e : tags.entrySet()) {
      all[i++] = new Tag(e.getKey(), e.getValue());
    }
    all[i] = new Tag("filter", filter);
    return all;
  }

  @Override
  public void close() {
    registered.forEach(registry::remove);
    registered.clear();
    counters.clear();
    timers.clear();
  }
}
