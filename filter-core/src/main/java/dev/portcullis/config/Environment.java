package dev.portcullis.config;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.grid.Grid;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link AuthenticatorFactory} gets besides its settings: the filter's realm, the time
 * sources (injectable so tests drive expiry with a fake clock), the servlet context and the grid
 * shared with other nodes.
 */
public final class Environment {
  private final String realm;
  private final Clock clock;
  private final Ticker ticker;
  private final ServletContext servletContext;
  private final Metrics metrics;
  private final Grid grid;

  private Environment(
      String realm,
      Clock clock,
      Ticker ticker,
      ServletContext servletContext,
      Metrics metrics,
      Grid grid) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.servletContext = servletContext;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.grid = grid != null ? grid : Grid.local(ticker);
  }

  /**
   * Creates an environment.
   *
   * @param realm the challenge realm
   * @param clock wall-clock time, for credential expiry
   * @param ticker monotonic time, for cache expiry
   * @param servletContext the web application, or null outside a container
   * @return the environment
   */
  public static Environment of(
      String realm, Clock clock, Ticker ticker, ServletContext servletContext) {
    return new Environment(realm, clock, ticker, servletContext, Metrics.NONE, null);
  }

  /**
   * Creates an environment that reports measurements.
   *
   * @param realm the challenge realm
   * @param clock wall-clock time, for credential expiry
   * @param ticker monotonic time, for cache expiry
   * @param servletContext the web application, or null outside a container
   * @param metrics where mechanisms report cache statistics, latencies and key ages
   * @return the environment
   */
  public static Environment of(
      String realm, Clock clock, Ticker ticker, ServletContext servletContext, Metrics metrics) {
    return new Environment(realm, clock, ticker, servletContext, metrics, null);
  }

  /**
   * The same environment with another grid.
   *
   * @param grid the filter's grid
   * @return a copy using {@code grid}
   */
  public Environment withGrid(Grid grid) {
    return new Environment(
        realm, clock, ticker, servletContext, metrics, Objects.requireNonNull(grid, "grid"));
  }

  /**
   * State shared with the other nodes of a cluster (the filter's {@code grid} setting): single-use
   * marks, events, caches.
   *
   * @return the filter's grid; a new local grid on this environment's ticker when none was given
   */
  public Grid grid() {
    return grid;
  }

  /**
   * Where mechanisms report measurements.
   *
   * @return the filter's metrics, {@link Metrics#NONE} without a metrics system
   */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * The realm of every challenge this filter renders.
   *
   * @return the realm
   */
  public String realm() {
    return realm;
  }

  /**
   * Wall-clock time.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Monotonic time for caches.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * The web application, to resolve {@code webapp:} paths.
   *
   * @return the context, empty outside a container
   */
  public Optional<ServletContext> servletContext() {
    return Optional.ofNullable(servletContext);
  }
}
