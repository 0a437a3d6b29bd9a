package dev.portcullis.apikey;

import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridStatus;
import dev.portcullis.grid.GridUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells every node that a key changed (revoked, disabled, its expiry moved), so that each drops its
 * cached verdicts at once instead of at the end of their time to live. {@link #local()} reaches the
 * subscribers of this JVM only; a cluster-wide one publishes over the data grid.
 */
public interface KeyInvalidation {

  /**
   * Announces a change of one key to every subscriber, this node's included.
   *
   * @param keyId the id of the key that changed
   */
  void publish(String keyId);

  /**
   * Subscribes to changes.
   *
   * @param listener called with the id of each changed key
   * @return closes the subscription
   */
  AutoCloseable subscribe(Consumer<String> listener);

  /** The grid channel of key changes; a message is one key id, never a key. */
  String CHANNEL = "portcullis.apiKey.changes";

  /**
   * An invalidation over the filter's grid ({@code grid=local}: this JVM, at once; {@code
   * grid=jcache}: every node of the cluster within the stated bound of 5 seconds, normally well
   * under a second, as the data grid delivers asynchronously; docs/key-lifecycle.md). A publish the
   * grid cannot take is logged; the other nodes then see the change within their cache TTL, the
   * bound without the grid.
   *
   * @param grid the filter's grid
   * @return the invalidation
   */
  static KeyInvalidation over(Grid grid) {
    System.Logger log = System.getLogger(KeyInvalidation.class.getName());
    return new KeyInvalidation() {
      @Override
      public void publish(String keyId) {
        try {
          grid.publish(CHANNEL, keyId);
        } catch (GridUnavailableException e) {
          log.log(
              System.Logger.Level.WARNING,
              "Change of API key {0} not announced to the cluster ({1}); other nodes see it"
                  + " within their cache TTL",
              keyId,
              e.getMessage());
        }
      }

      @Override
      public AutoCloseable subscribe(Consumer<String> listener) {
        try {
          return grid.subscribe(CHANNEL, listener);
        } catch (GridUnavailableException e) {
          missed = true;
          log.log(
              System.Logger.Level.WARNING,
              "Not subscribed to API key changes ({0}); changes made on other nodes take effect"
                  + " within the cache TTL",
              e.getMessage());
          return () -> {};
        }
      }

      private volatile boolean missed;

      @Override
      public Map<String, String> bound() {
        GridStatus status = grid.status();
        boolean cluster = status.clustered() && status.up() && !status.fallback() && !missed;
        return Map.of(
            "revocationBound",
            cluster || !status.clustered() ? "grid" : "cacheTtl",
            "gridMembers",
            Integer.toString(status.members()));
      }
    };
  }

  /**
   * How soon a change made on another node takes effect here, for the health check: {@code grid}
   * (at once on a single node, within the grid's delivery in a cluster) or {@code cacheTtl} (the
   * cluster is lost or this node missed its subscription).
   *
   * @return {@code revocationBound} and, over a grid, {@code gridMembers}
   */
  default Map<String, String> bound() {
    return Map.of("revocationBound", "grid");
  }

  /**
   * An invalidation within this JVM: subscribers are called on the publishing thread.
   *
   * @return a new local invalidation
   */
  static KeyInvalidation local() {
    List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    return new KeyInvalidation() {
      @Override
      public void publish(String keyId) {
        listeners.forEach(l -> l.accept(keyId));
      }

      @Override
      public AutoCloseable subscribe(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
      }
    };
  }
}
