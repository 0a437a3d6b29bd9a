package dev.portcullis.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.ServiceUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single use of a key: {@code true} exactly once per (space, key) until {@code ttl} passes. Stands
 * in for the cluster's {@code Grid.firstUse} until the grid lands; {@link #local} remembers on this
 * node only.
 */
interface FirstUse {
  /**
   * Whether this is the first use of {@code key} in {@code space}.
   *
   * @param space the namespace, for example {@code apiKey.ephemeral}
   * @param key the single-use value
   * @param ttl how long the use is remembered, at least the key's remaining lifetime
   * @return true exactly once per (space, key) until {@code ttl} passes
   * @throws ServiceUnavailableException when uses cannot be remembered (fail closed)
   */
  boolean firstUse(String space, String key, Duration ttl) throws ServiceUnavailableException;

  /**
   * Uses remembered in this JVM, on {@code ticker}. Entries are never evicted before their ttl;
   * past {@code limit} live entries a use is refused as unavailable rather than forgotten.
   *
   * @param ticker monotonic time
   * @param limit the most uses remembered at once
   * @return the local memory
   */
  static FirstUse local(Ticker ticker, int limit) {
    Map<String, Long> seen = new ConcurrentHashMap<>();
    return (space, key, ttl) -> {
      long now = ticker.read();
      if (seen.size() >= limit) {
        seen.values().removeIf(until -> until - now <= 0);
        if (seen.size() >= limit) {
          throw new ServiceUnavailableException("single-use memory full");
        }
      }
      boolean[] first = {false};
      seen.compute(
          space + '\n' + key,
          (id, until) -> {
            if (until != null && until - now > 0) {
              return until;
            }
            first[0] = true;
            return now + ttl.toNanos();
          });
      return first[0];
    };
  }
}
