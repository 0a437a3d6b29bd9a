package dev.portcullis.grid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The grid of one process: marks in Caffeine caches that expire on the filter's ticker, messages
 * delivered on the publishing thread. A space never evicts a mark early: once it holds {@code
 * maxMarks} live marks, {@link #firstUse} fails closed instead.
 */
final class LocalGrid implements Grid {
  /** The most live marks one space holds. */
  static final long MAX_MARKS = 1_000_000;

  private static final GridStatus STATUS = new GridStatus(false, true, 1, false);

  private final Ticker ticker;
  private final long maxMarks;
  private final Map<String, Space> spaces = new ConcurrentHashMap<>();
  private final Channels channels = new Channels();

  private record Space(Duration ttl, Cache<String, Boolean> marks) {}

  LocalGrid(Ticker ticker, long maxMarks) {
    this.ticker = ticker;
    this.maxMarks = maxMarks;
  }

  @Override
  public boolean firstUse(String space, String key, Duration ttl) {
    Names.key(key);
    Names.ttl(ttl);
    Space s = spaces.get(space);
    if (s == null) {
      s = spaces.computeIfAbsent(Names.name("space", space), n -> new Space(ttl, marks(ttl)));
    }
    if (!s.ttl().equals(ttl)) {
      throw Names.otherTtl(space, s.ttl(), ttl);
    }
    Map<String, Boolean> marks = s.marks().asMap();
    if (marks.putIfAbsent(key, Boolean.TRUE) != null) {
      return false;
    }
    if (s.marks().estimatedSize() > maxMarks) {
      s.marks().cleanUp();
      if (s.marks().estimatedSize() > maxMarks) {
        marks.remove(key); // this use is refused, so it must not count
        throw new GridUnavailableException("Grid space " + space + " is full", null);
      }
    }
    return true;
  }

  /**
   * A space's marks. Caffeine's upkeep runs on the writing thread, a little at a time: handing it
   * to the common pool, as by default, cost a thread wake-up per new mark (about 5 µs of a DPoP
   * request in {@code DpopWorkBenchmark}).
   */
  private Cache<String, Boolean> marks(Duration ttl) {
    return Caffeine.newBuilder()
        .ticker(ticker)
        .executor(Runnable::run)
        .expireAfterWrite(ttl)
        .build();
  }

  @Override
  public void publish(String channel, String message) {
    channels.deliver(Names.name("channel", channel), Names.message(message));
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    Names.name("channel", channel);
    Objects.requireNonNull(listener, "listener");
    channels.add(channel, listener);
    return channels.subscription(channel, listener);
  }

  @Override
  public Optional<javax.cache.Cache<String, byte[]>> jcache(String name) {
    Names.name("cache", name);
    return Optional.empty();
  }

  @Override
  public GridStatus status() {
    return STATUS;
  }
}
