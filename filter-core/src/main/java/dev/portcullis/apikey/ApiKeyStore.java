package dev.portcullis.apikey;

import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import java.util.Map;
import java.util.Optional;

/**
 * Where API key records live. Implementations must be thread-safe; a Caffeine cache sits in front
 * of every store, so lookups happen only on cache misses.
 */
public interface ApiKeyStore extends AutoCloseable {

  /**
   * Finds the record of a key id.
   *
   * @param id the public key id
   * @return the record, empty when unknown
   * @throws ServiceUnavailableException when the store cannot be read (503, nothing cached)
   */
  Optional<ApiKeyRecord> findById(String id) throws ServiceUnavailableException;

  /**
   * Finds the record of an imported key, which has no id in it, by its stored hash ({@code
   * sha256:…} or {@code hmac-sha256:…}). A store answering this must index the hash. The default
   * knows no imported keys.
   *
   * @param hash the stored form of the key presented
   * @return the record, empty when unknown
   * @throws ServiceUnavailableException when the store cannot be read (503, nothing cached)
   */
  default Optional<ApiKeyRecord> findByHash(String hash) throws ServiceUnavailableException {
    return Optional.empty();
  }

  /**
   * Registers a hook run when records change (a reloaded file, a revoked row), so cached verdicts
   * are dropped at once instead of at the end of their time to live. The default never calls it.
   *
   * @param listener run after a change is visible through {@link #findById}
   */
  default void onChange(Runnable listener) {}

  /**
   * Notes that a key authenticated a request, on cache hits too. Called on the request path, so it
   * must not block or fail; a store that tracks last use queues the id and writes later. The
   * default does nothing.
   *
   * @param id the public id of a key that was just accepted
   */
  default void recordUse(String id) {}

  /**
   * Drops what the store holds in memory, so that the next lookup reads its source again: a key
   * changed on another node. The default holds nothing.
   */
  default void refresh() {}

  /**
   * Checks the store for a readiness probe. The default looks up a key id that does not exist, so
   * the probe takes the same path as a request.
   *
   * @return up when the lookup worked, with its latency; down with the error otherwise
   */
  default Readiness readiness() {
    long start = System.nanoTime();
    try {
      findById("readiness-probe");
      return new Readiness(
          "apiKey store",
          true,
          Map.of("latencyMillis", Long.toString((System.nanoTime() - start) / 1_000_000)));
    } catch (ServiceUnavailableException e) {
      return new Readiness("apiKey store", false, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  @Override
  default void close() {}
}
