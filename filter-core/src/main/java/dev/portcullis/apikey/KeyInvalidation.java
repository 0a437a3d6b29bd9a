package dev.portcullis.apikey;

import java.util.List;
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
