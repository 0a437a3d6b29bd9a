package dev.portcullis.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.config.MechanismSettings;
import dev.portcullis.config.Metrics;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configures an {@link AuthenticationFilter} in code. Each method sets the init-param of the same
 * name, so the settings are validated exactly as {@code web.xml} ones are. Setting a key twice is
 * refused. Add the filter with {@link #register}, which checks the settings before the application
 * starts, rather than with {@code ServletContext.addFilter(name, build())}.
 */
public final class AuthenticationFilterBuilder {
  private final Map<String, String> params = new LinkedHashMap<>();
  private Clock clock = Clock.systemUTC();
  private Ticker ticker = Ticker.systemTicker();
  private Metrics metrics;

  AuthenticationFilterBuilder() {}

  /**
   * Sets {@value AuthenticationFilter#MECHANISMS}.
   *
   * @param expression for example {@code jwt,apiKey}
   * @return this builder
   */
  public AuthenticationFilterBuilder mechanisms(String expression) {
    return set(AuthenticationFilter.MECHANISMS, expression);
  }

  /**
   * Sets {@value AuthenticationFilter#REALM}.
   *
   * @param realm the realm
   * @return this builder
   */
  public AuthenticationFilterBuilder realm(String realm) {
    return set(AuthenticationFilter.REALM, realm);
  }

  /**
   * Sets {@value AuthenticationFilter#REQUIRED}.
   *
   * @param required false for optional authentication
   * @return this builder
   */
  public AuthenticationFilterBuilder required(boolean required) {
    return set(AuthenticationFilter.REQUIRED, Boolean.toString(required));
  }

  /**
   * Sets {@value AuthenticationFilter#REQUIRED_SCOPES}.
   *
   * @param scopes all must be granted
   * @return this builder
   */
  public AuthenticationFilterBuilder requiredScopes(String... scopes) {
    return set(AuthenticationFilter.REQUIRED_SCOPES, String.join(",", scopes));
  }

  /**
   * Sets {@value AuthenticationFilter#REQUIRED_ROLES}.
   *
   * @param roles one must be held
   * @return this builder
   */
  public AuthenticationFilterBuilder requiredRoles(String... roles) {
    return set(AuthenticationFilter.REQUIRED_ROLES, String.join(",", roles));
  }

  /**
   * Sets {@value AuthenticationFilter#EXCLUDED_PATHS}.
   *
   * @param paths {@code /exact} or {@code /prefix/*}
   * @return this builder
   */
  public AuthenticationFilterBuilder excludedPaths(String... paths) {
    return set(AuthenticationFilter.EXCLUDED_PATHS, String.join(",", paths));
  }

  /**
   * Sets {@value AuthenticationFilter#METHODS}.
   *
   * @param methods the HTTP methods the filter applies to
   * @return this builder
   */
  public AuthenticationFilterBuilder methods(String... methods) {
    return set(AuthenticationFilter.METHODS, String.join(",", methods));
  }

  /**
   * Sets {@value AuthenticationFilter#RETRY_AFTER}.
   *
   * @param retryAfter at least one second
   * @return this builder
   */
  public AuthenticationFilterBuilder retryAfter(Duration retryAfter) {
    return set(AuthenticationFilter.RETRY_AFTER, retryAfter.toString());
  }

  /**
   * Sets {@value AuthenticationFilter#RESOURCE_METADATA}.
   *
   * @param url the absolute http(s) URL of the protected resource metadata (RFC 9728)
   * @return this builder
   */
  public AuthenticationFilterBuilder resourceMetadata(String url) {
    return set(AuthenticationFilter.RESOURCE_METADATA, url);
  }

  /**
   * Sets {@value AuthenticationFilter#GRID}.
   *
   * @param kind {@code local} (the default) or {@code jcache}
   * @return this builder
   */
  public AuthenticationFilterBuilder grid(String kind) {
    return set(AuthenticationFilter.GRID, kind);
  }

  /**
   * Sets {@value AuthenticationFilter#GRID_ON_LOSS}.
   *
   * @param onLoss {@code failClosed} (the default) or {@code local}
   * @return this builder
   */
  public AuthenticationFilterBuilder gridOnLoss(String onLoss) {
    return set(AuthenticationFilter.GRID_ON_LOSS, onLoss);
  }

  /**
   * Sets any key, typically a mechanism setting such as {@code apiKey.file}.
   *
   * @param key the init-param name
   * @param value its value
   * @return this builder
   * @throws IllegalStateException when the key was already set
   */
  public AuthenticationFilterBuilder set(String key, String value) {
    Objects.requireNonNull(value, key);
    if (params.putIfAbsent(Objects.requireNonNull(key, "key"), value) != null) {
      throw new IllegalStateException("Setting " + key + " was already set");
    }
    return this;
  }

  /**
   * Sets every key of a mechanism's typed settings, for example {@code new
   * JwtBuilder().issuer("https://idp.example/").audience("orders")}.
   *
   * @param settings the mechanism's settings
   * @return this builder
   * @throws IllegalStateException when one of the keys was already set
   */
  public AuthenticationFilterBuilder settings(MechanismSettings<?> settings) {
    settings.params().forEach(this::set);
    return this;
  }

  /**
   * Replaces the clocks, for tests that drive expiry by hand.
   *
   * @param clock wall-clock time
   * @param ticker monotonic time for caches
   * @return this builder
   */
  public AuthenticationFilterBuilder time(Clock clock, Ticker ticker) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * Reports measurements to {@code metrics} instead of the server's MicroProfile Metrics, for
   * example to bridge to another metrics library.
   *
   * @param metrics where decisions, cache statistics, key ages and latencies go
   * @return this builder
   */
  public AuthenticationFilterBuilder metrics(Metrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * Creates the filter. Settings are validated when the container calls {@code init}; prefer {@link
   * #register}, which validates them before the application starts.
   *
   * @return the filter
   */
  public AuthenticationFilter build() {
    return new AuthenticationFilter(params, clock, ticker, metrics);
  }

  /**
   * Checks the settings and adds the filter to {@code context}, from a {@code
   * ServletContextListener} or {@code ServletContainerInitializer}. Some servers (Payara Micro
   * among them) log a filter whose {@code init} fails and then serve the application without it; an
   * exception from a listener or initializer fails the deployment instead. So a throw-away instance
   * is initialized with this context and name (MicroProfile Config overrides included) and
   * destroyed, as the container would, before the filter is added; a bad setting throws here.
   *
   * @param context the application's servlet context
   * @param filterName the filter name, also the prefix of its overrides ({@code
   *     portcullis.<filterName>.<key>})
   * @return the registration, to add URL or servlet mappings to
   * @throws IllegalStateException naming the filter, the key and the value when a setting is bad,
   *     or when a filter of that name is already registered
   */
  public FilterRegistration.Dynamic register(ServletContext context, String filterName) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(filterName, "filterName");
    // The probe reports nowhere when the caller gave metrics: their gauges are for the real filter.
    AuthenticationFilter probe =
        new AuthenticationFilter(params, clock, ticker, metrics == null ? null : Metrics.NONE);
    try {
      probe.initialize(new ContextFilterConfig(filterName, context, Map.of()));
    } catch (ServletException e) {
      throw new IllegalStateException("Filter " + filterName + ": " + e.getMessage(), e);
    } finally {
      probe.destroy();
    }
    FilterRegistration.Dynamic registration = context.addFilter(filterName, build());
    if (registration == null) {
      throw new IllegalStateException("A filter named " + filterName + " is already registered");
    }
    DeploymentCheck.checked(context, filterName);
    return registration;
  }
}
