package dev.portcullis.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The grid of one process: marks in a {@link MarkTable} per space that expire on the filter's
 * ticker, messages delivered on the publishing thread. A space never forgets a mark early: once it
 * holds its bound of live marks ({@code maxMarks}, shared out among the table's segments, so that a
 * large space is full when its fullest segment is), {@link #firstUse} fails closed instead.
 */
final class LocalGrid implements Grid {
  /** The bound of live marks of one space: about 980,000 fit (MarkTable). */
  static final long MAX_MARKS = 1_000_000;

  private static final GridStatus STATUS = new GridStatus(false, true, 1, false);

  private final Ticker ticker;
  private final long maxMarks;
  private final Map<String, Space> spaces = new ConcurrentHashMap<>();
  private final Channels channels = new Channels();

  private record Space(Duration ttl, MarkTable marks) {}

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
      s =
          spaces.computeIfAbsent(
              Names.name("space", space),
              n -> new Space(ttl, new MarkTable(n, ttl.toNanos(), maxMarks)));
    }
    if (!s.ttl().equals(ttl)) {
      throw Names.otherTtl(space, s.ttl(), ttl);
    }
    return s.marks().firstUse(key, ticker.read());
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
