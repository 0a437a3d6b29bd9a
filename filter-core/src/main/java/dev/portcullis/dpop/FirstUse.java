package dev.portcullis.dpop;

import dev.portcullis.ServiceUnavailableException;
import java.time.Duration;

/**
 * Single use of a key within a time window, cluster-wide where the store is shared: the replay
 * guard of DPoP proof identifiers (RFC 9449 §11.1).
 */
@FunctionalInterface
public interface FirstUse {

  /**
   * Records a use.
   *
   * @param space the kind of key, for example {@code dpop.jti}
   * @param key the key, already a fingerprint (bounded length)
   * @param ttl how long the key stays used
   * @return true exactly once per space and key until {@code ttl} passes
   * @throws ServiceUnavailableException when the store cannot be reached (fail closed)
   */
  boolean firstUse(String space, String key, Duration ttl) throws ServiceUnavailableException;
}
