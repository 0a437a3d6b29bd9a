package dev.portcullis.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Opens and closes the grids of a web application's filters (the filter machinery calls it; code
 * that only uses a grid calls {@link Grid#of}). Filters with the same {@code grid} setting share
 * one instance, which is closed when the last of them stops.
 */
public final class Grids {
  /** The {@code grid} value for a grid in this process (the default). */
  public static final String LOCAL = "local";

  /** The {@code grid} value for the default JCache provider's data grid. */
  public static final String JCACHE = "jcache";

  /** The {@code grid.onLoss} value that fails requests needing the grid (the default). */
  public static final String FAIL_CLOSED = "failClosed";

  /** Where Payara binds the cache manager of its data grid. */
  public static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";

  private static final String REGISTRY = Grids.class.getName();

  private Grids() {}

  /** The shared grids of one application and which filter holds which. */
  private static final class Registry {
    private final Map<String, Grid> shared = new HashMap<>();
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, List<String>> held = new HashMap<>();

    Grid acquire(String filter, String kind, Ticker ticker) {
      Grid grid = shared.computeIfAbsent(kind, k -> create(k, ticker));
      users.merge(kind, 1, Integer::sum);
      held.computeIfAbsent(filter, f -> new ArrayList<>()).add(kind);
      return grid;
    }

    void release(String filter) {
      for (String kind : held.getOrDefault(filter, List.of())) {
        if (users.merge(kind, -1, Integer::sum) == 0) {
          users.remove(kind);
          close(shared.remove(kind));
        }
      }
      held.remove(filter);
    }
  }

  /**
   * Opens the grid of a starting filter and publishes it as {@link Grid#ATTRIBUTE_PREFIX}{@code
   * <filter>}.
   *
   * @param context the web application
   * @param filter the filter's name
   * @param kind {@value #LOCAL} or {@value #JCACHE}
   * @param onLoss {@value #FAIL_CLOSED} or {@value #LOCAL}: what a clustered grid does when the
   *     cluster cannot be reached
   * @param ticker monotonic time for a local grid (the first filter's ticker wins)
   * @return the grid
   * @throws IllegalArgumentException for an unknown kind
   * @throws IllegalStateException when the filter already holds a grid
   */
  public static Grid open(
      ServletContext context, String filter, String kind, String onLoss, Ticker ticker) {
    Objects.requireNonNull(ticker, "ticker");
    synchronized (Grids.class) {
      String attribute = Grid.ATTRIBUTE_PREFIX + filter;
      if (context.getAttribute(attribute) != null) {
        throw new IllegalStateException("Filter " + filter + " already holds a grid");
      }
      if (!FAIL_CLOSED.equals(onLoss) && !LOCAL.equals(onLoss)) {
        throw new IllegalArgumentException("Unknown grid.onLoss [" + onLoss + "]");
      }
      Registry registry = registry(context);
      Grid grid = registry.acquire(filter, kind, ticker);
      if (JCACHE.equals(kind) && LOCAL.equals(onLoss)) {
        grid = new FallbackGrid(grid, registry.acquire(filter, LOCAL, ticker));
      }
      context.setAttribute(attribute, grid);
      return grid;
    }
  }

  /**
   * Releases the grid of a stopping filter; the last filter using a grid closes it.
   *
   * @param context the web application
   * @param filter the filter's name
   */
  public static void close(ServletContext context, String filter) {
    synchronized (Grids.class) {
      context.removeAttribute(Grid.ATTRIBUTE_PREFIX + filter);
      registry(context).release(filter);
    }
  }

  private static Registry registry(ServletContext context) {
    if (context.getAttribute(REGISTRY) instanceof Registry registry) {
      return registry;
    }
    Registry registry = new Registry();
    context.setAttribute(REGISTRY, registry);
    return registry;
  }

  private static Grid create(String kind, Ticker ticker) {
    if (LOCAL.equals(kind)) {
      return Grid.local(ticker);
    }
    if (JCACHE.equals(kind)) {
      return new JCacheGrid(cacheManager(), true);
    }
    throw new IllegalArgumentException("Unknown grid kind [" + kind + "]");
  }

  /**
   * Payara's cache manager (JNDI {@value #PAYARA_CACHE_MANAGER}, the one its data grid backs), else
   * the default JCache provider's. On Payara, {@code Caching.getCachingProvider()} would give
   * Hazelcast's client provider, which looks for a separate cluster.
   */
  static CacheManager cacheManager() {
    try {
      if (new InitialContext().lookup(PAYARA_CACHE_MANAGER) instanceof CacheManager manager) {
        return manager;
      }
    } catch (NamingException e) {
      System.getLogger(Grids.class.getName())
          .log(System.Logger.Level.DEBUG, "No {0}: {1}", PAYARA_CACHE_MANAGER, e.toString());
    }
    return Caching.getCachingProvider().getCacheManager();
  }

  private static void close(Grid grid) {
    if (grid instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.getLogger(Grids.class.getName())
            .log(System.Logger.Level.WARNING, "Grid not closed cleanly: {0}", e.toString());
      }
    }
  }
}
