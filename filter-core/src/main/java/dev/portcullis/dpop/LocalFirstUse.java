package dev.portcullis.dpop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-process {@link FirstUse}: a bounded Caffeine map on the filter's ticker. When it is full
 * of unexpired keys it refuses to record more (503) rather than evict one, since an evicted key
 * could be replayed.
 */
final class LocalFirstUse implements FirstUse {
  private final Cache<String, Long> used;
  private final long maximumSize;

  LocalFirstUse(long maximumSize, Ticker ticker) {
    this.maximumSize = maximumSize;
    this.used =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfter(
                Expiry.<String, Long>creating((key, ttlNanos) -> Duration.ofNanos(ttlNanos)))
            .build();
  }

  @Override
  public boolean firstUse(String space, String key, Duration ttl)
      throws ServiceUnavailableException {
    if (used.estimatedSize() >= maximumSize) {
      used.cleanUp();
      if (used.estimatedSize() >= maximumSize) {
        throw new ServiceUnavailableException("The DPoP replay cache is full");
      }
    }
    AtomicBoolean first = new AtomicBoolean();
    used.asMap()
        .computeIfAbsent(
            space + ' ' + key,
            k -> {
              first.set(true);
              return ttl.toNanos();
            });
    return first.get();
  }
}
