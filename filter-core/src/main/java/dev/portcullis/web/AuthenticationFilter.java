package dev.portcullis.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.AuthError;
import dev.portcullis.Authenticator;
import dev.portcullis.Identity;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.Metrics;
import dev.portcullis.grid.Grid;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Authenticates requests with the mechanisms named in its {@value #MECHANISMS} setting and
 * authorizes them against required scopes and roles.
 *
 * <p>Configure it with init-params in {@code web.xml}, with {@code @WebFilter(initParams = ...)} on
 * a one-line subclass, or in code with {@link #builder()} and {@link
 * AuthenticationFilterBuilder#register}; all three are validated alike before the application
 * starts, and a bad setting stops deployment. Core keys:
 *
 * <ul>
 *   <li>{@value #MECHANISMS} (required): names joined by {@code ,} (or: the first to authenticate
 *       wins) and {@code +} (and), for example {@code jwt,apiKey} or {@code mtls+jwt}.
 *   <li>{@value #REALM}: the challenge realm, default {@code api}.
 *   <li>{@value #REQUIRED}: {@code false} lets requests without credentials through anonymously;
 *       default {@code true}.
 *   <li>{@value #REQUIRED_SCOPES}: comma-separated scopes that must all be granted, else 403 {@code
 *       insufficient_scope}.
 *   <li>{@value #REQUIRED_ROLES}: comma-separated roles of which one must be held, else 403.
 *   <li>{@value #EXCLUDED_PATHS}: {@code /exact} or {@code /prefix/*} paths passed untouched.
 *   <li>{@value #METHODS}: HTTP methods the filter applies to; default all.
 *   <li>{@value #RETRY_AFTER}: the {@code Retry-After} of a 503, default {@code 5s}.
 *   <li>{@value #RESOURCE_METADATA}: the URL of the protected resource metadata (RFC 9728), sent as
 *       {@code resource_metadata} in Bearer challenges; default none.
 *   <li>{@value #GRID}: {@code local} (default) or {@code jcache}: where state shared by the nodes
 *       of a cluster lives ({@link dev.portcullis.grid.Grid}).
 *   <li>{@value #GRID_ON_LOSS}: with {@code jcache}, {@code failClosed} (default: 503 while the
 *       cluster is unreachable) or {@code local} (carry on with this node's state).
 * </ul>
 *
 * <p>Mechanism settings carry the mechanism's name as prefix, for example {@code apiKey.file}.
 * Exclusions and methods are decided on the request's canonical path ({@link CanonicalPath}); an
 * ambiguous request URI is refused with 400 {@code invalid_request} first. A filter that covers
 * {@code GET} covers {@code HEAD}. Only a genuine CORS preflight ({@link Preflight}) passes
 * untouched. Answers let through carry {@code Cache-Control: private} unless the application sets
 * its own. When an earlier Portcullis filter has already authenticated the request, this one only
 * applies its own authorization.
 */
public class AuthenticationFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(AuthenticationFilter.class.getName());

  /** Key of the mechanism expression. */
  public static final String MECHANISMS = "mechanisms";

  /** Key of the challenge realm. */
  public static final String REALM = "realm";

  /** Key of the anonymous-access switch. */
  public static final String REQUIRED = "required";

  /** Key of the required scopes. */
  public static final String REQUIRED_SCOPES = "requiredScopes";

  /** Key of the required roles. */
  public static final String REQUIRED_ROLES = "requiredRoles";

  /** Key of the excluded paths. */
  public static final String EXCLUDED_PATHS = "excludedPaths";

  /** Key of the HTTP methods the filter applies to. */
  public static final String METHODS = "methods";

  /** Key of the 503 {@code Retry-After} duration. */
  public static final String RETRY_AFTER = "retryAfter";

  /** Key of the RFC 9728 protected resource metadata URL. */
  public static final String RESOURCE_METADATA = "resourceMetadata";

  /** Key of the grid kind, {@code local} or {@code jcache}. */
  public static final String GRID = "grid";

  /** Key of what a clustered grid does when the cluster is lost. */
  public static final String GRID_ON_LOSS = "grid.onLoss";

  private static final String CACHE_CONTROL = "Cache-Control";
  private static final String PRIVATE = "private";
  private static final AuthError AMBIGUOUS_PATH =
      AuthError.invalidRequest("The request path is ambiguous").withReason("ambiguous_path");

  private final transient Map<String, String> presetParams;
  private final transient Clock clock;
  private final transient Ticker ticker;
  private final transient Metrics presetMetrics;
  private transient FilterSettings settings;
  private transient Pipeline pipeline;
  private transient Metrics metrics = Metrics.NONE;
  private transient Audit audit;
  private transient Limits limits = Limits.NONE;

  /** Whether {@code init} failed: every request is then answered 503, never passed on. */
  private transient volatile boolean failed;

  /** The {@code Vary} value of answers let through: every mechanism's credential headers. */
  private transient String vary;

  /** Creates a filter configured by its init-params, as a container does. */
  public AuthenticationFilter() {
    this(Map.of(), Clock.systemUTC(), Ticker.systemTicker(), null);
  }

  AuthenticationFilter(
      Map<String, String> presetParams, Clock clock, Ticker ticker, Metrics presetMetrics) {
    this.presetParams = Map.copyOf(presetParams);
    this.clock = clock;
    this.ticker = ticker;
    this.presetMetrics = presetMetrics;
  }

  /**
   * Starts a programmatic configuration; add the filter with {@link
   * AuthenticationFilterBuilder#register}.
   *
   * @return a builder
   */
  public static AuthenticationFilterBuilder builder() {
    return new AuthenticationFilterBuilder();
  }

  /**
   * Starts the filter. A setting that is bad or a mechanism that cannot start is logged and does
   * not throw: some servers (Payara Micro among them) serve the application without a filter whose
   * {@code init} throws, so this filter stays in the chain and answers every request with 503
   * instead. The deployment check ({@link PortcullisInitializer}) has normally stopped such a
   * deployment before. An {@link Error} (a mechanism's library missing) is caught too.
   */
  @Override
  public final void init(FilterConfig filterConfig) throws ServletException {
    try {
      initialize(filterConfig);
    } catch (Throwable e) { // fail closed whatever went wrong: never leave the chain unfiltered
      failed = true;
      LOG.log(
          System.Logger.Level.ERROR,
          "Filter "
              + filterConfig.getFilterName()
              + " did not start and answers every request with 503: "
              + (e instanceof Error ? e.toString() : e.getMessage()),
          e instanceof Error ? e : null);
    }
  }

  /** Starts the filter, throwing when it cannot: for the deployment checks and tests. */
  final void initialize(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    Map<String, String> params = new HashMap<>(presetParams);
    try {
      for (String name : Collections.list(filterConfig.getInitParameterNames())) {
        if (params.put(name, filterConfig.getInitParameter(name)) != null) {
          throw new ConfigurationException("Setting " + name + " is given twice");
        }
      }
      ClassLoader loader = filterConfig.getServletContext().getClassLoader();
      UnaryOperator<String> lookup = Platform.lookup(loader);
      start(
          Config.of(params, lookup)
              .withOverrides(Platform.overrides(filterConfig.getFilterName(), lookup)),
          filterConfig);
    } catch (ConfigurationException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "Filter " + filterConfig.getFilterName() + ": " + e.getMessage());
      throw new ServletException(e.getMessage(), e);
    }
  }

  private void start(Config config, FilterConfig filterConfig) {
    FilterSettings parsed = FilterSettings.from(config);
    ClassLoader loader = filterConfig.getServletContext().getClassLoader();
    String name = filterConfig.getFilterName();
    Metrics measured = presetMetrics != null ? presetMetrics : Platform.metrics(name, loader);
    Grid grid = FilterGrid.open(parsed, config, filterConfig, ticker);
    Environment environment =
        Environment.of(parsed.realm(), clock, ticker, filterConfig.getServletContext(), measured)
            .withGrid(grid);
    Map<String, Authenticator> authenticators = Map.of();
    try {
      authenticators = Mechanisms.create(parsed, config, environment, loader);
      limits = Limits.create(config, environment, loader);
      config.checkAllKnown();
      Overrides.check(
          name, Platform.names(loader), config.known(), Overrides.filterNames(filterConfig, name));
    } catch (RuntimeException | Error e) {
      limits.close();
      limits = Limits.NONE;
      authenticators.values().forEach(Authenticator::close);
      closeOwn(measured);
      FilterGrid.close(filterConfig);
      throw e;
    }
    settings = parsed;
    metrics = measured;
    audit = new Audit(name, measured, ticker);
    pipeline = new Pipeline(parsed, authenticators, environment);
    vary = Mechanisms.vary(authenticators.values(), parsed.dpop().enabled());
    Health.register(this, name, authenticators, grid);
    parsed.logStart(name);
  }

  @Override
  protected final void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (pipeline == null) {
      if (!failed) {
        throw new ServletException("Portcullis filter used before init");
      }
      Responses.unavailable(response, FilterSettings.DEFAULT_RETRY_AFTER);
      return;
    }
    HttpServletRequest visible = HiddenHeadersRequest.of(request, pipeline.authenticators());
    String path = CanonicalPath.of(request.getRequestURI(), request.getContextPath());
    Decision decision;
    if (path == null) {
      decision = pipeline.refuseAll(AMBIGUOUS_PATH, null);
    } else if (settings.skips(request, path, pipeline.authenticators())) {
      chain.doFilter(visible, response);
      return;
    } else {
      decision = pipeline.decide(visible);
    }
    if (decision instanceof Decision.Proceed proceed) {
      Identity identity = proceed.identity();
      if (!limits.admit(visible, response, identity, audit, settings.retryAfter())) {
        return;
      }
      audit.proceed(proceed, visible);
      proceed.writeTo(visible);
      if (vary != null) {
        response.addHeader("Vary", vary);
      }
      // set before the application runs, so that an application's own Cache-Control replaces it
      response.setHeader(CACHE_CONTROL, PRIVATE);
      Authority.offer(visible, pipeline, identity, audit);
      if (identity != null && !ContainerLogin.perform(visible, response, identity)) {
        return;
      }
      chain.doFilter(
          identity == null ? visible : new AuthenticatedRequest(visible, identity), response);
    } else if (decision instanceof Decision.Refuse refusal) {
      audit.refuse(refusal, visible);
      Responses.refuse(response, refusal);
    } else if (decision instanceof Decision.Unavailable unavailable) {
      audit.unavailable(unavailable, visible);
      Responses.unavailable(response, settings.retryAfter());
    }
  }

  @Override
  public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    super.doFilter(request, response, chain);
  }

  @Override
  public final void destroy() {
    if (pipeline != null) {
      Health.unregister(this);
      pipeline.authenticators().forEach(Authenticator::close);
      pipeline = null;
      limits.close();
      FilterGrid.close(getFilterConfig());
      closeOwn(metrics);
      metrics = Metrics.NONE;
    }
  }

  /** Removes the metrics this filter registered; metrics given to the builder are the caller's. */
  private void closeOwn(Metrics metrics) {
    if (presetMetrics == null) {
      Platform.close(metrics);
    }
  }
}
