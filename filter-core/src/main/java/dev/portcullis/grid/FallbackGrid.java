package dev.portcullis.grid;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * {@code grid.onLoss=local}: a clustered grid that, while the cluster cannot be reached, serves
 * from this process's local grid instead of failing. Marks made during the loss are this node's
 * only, so a replay on another node is not seen until the cluster is back; messages published
 * during the loss reach this node's subscribers only. The loss and the return are logged once each.
 */
final class FallbackGrid implements Grid {
  private static final System.Logger LOG = System.getLogger(Grid.class.getName());

  private final Grid cluster;
  private final Grid local;
  private final AtomicBoolean lost = new AtomicBoolean();

  FallbackGrid(Grid cluster, Grid local) {
    this.cluster = cluster;
    this.local = local;
  }

  @Override
  public boolean firstUse(String space, String key, Duration ttl) {
    return either(() -> cluster.firstUse(space, key, ttl), () -> local.firstUse(space, key, ttl));
  }

  @Override
  public void publish(String channel, String message) {
    either(
        () -> {
          cluster.publish(channel, message);
          return null;
        },
        () -> {
          local.publish(channel, message);
          return null;
        });
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    Subscription own = local.subscribe(channel, listener);
    Subscription shared = either(() -> cluster.subscribe(channel, listener), () -> () -> {});
    return () -> {
      own.close();
      shared.close();
    };
  }

  @Override
  public Optional<Cache<String, byte[]>> jcache(String name) {
    return either(() -> cluster.jcache(name), () -> local.jcache(name));
  }

  @Override
  public GridStatus status() {
    GridStatus status = cluster.status();
    return status.up() ? status : new GridStatus(true, true, status.members(), true);
  }

  private <T> T either(Supplier<T> clustered, Supplier<T> fallback) {
    T result;
    try {
      result = clustered.get();
    } catch (GridUnavailableException e) {
      if (lost.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Grid cluster lost ({0}); serving from this node''s own state (grid.onLoss=local)",
            e.getMessage());
      }
      return fallback.get();
    }
    if (lost.compareAndSet(true, false)) {
      LOG.log(System.Logger.Level.WARNING, "Grid cluster reachable again");
    }
    return result;
  }
}
