package dev.portcullis.config;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.ServletContext;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link AuthenticatorFactory} gets besides its settings: the filter's realm, the time
 * sources (injectable so tests drive expiry with a fake clock) and the servlet context.
 */
public final class Environment {
  private final String realm;
  private final Clock clock;
  private final Ticker ticker;
  private final ServletContext servletContext;
  private final Metrics metrics;

  private Environment(
      String realm, Clock clock, Ticker ticker, ServletContext servletContext, Metrics metrics) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.servletContext = servletContext;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
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
    return new Environment(realm, clock, ticker, servletContext, Metrics.NONE);
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
    return new Environment(realm, clock, ticker, servletContext, metrics);
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
