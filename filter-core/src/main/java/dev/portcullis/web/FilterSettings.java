package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.dpop.DpopSettings;
import dev.portcullis.grid.Grids;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated core settings of one {@link AuthenticationFilter}.
 *
 * @param branches the {@code mechanisms} expression: OR of AND-groups of mechanism names
 * @param realm challenge realm
 * @param required whether a request without credentials is refused
 * @param requiredScopes every scope an identity must hold
 * @param requiredRoles roles of which an identity must hold at least one
 * @param excludedPaths paths passed through untouched ({@code /exact} or {@code /prefix/*})
 * @param methods HTTP methods the filter applies to; empty means all
 * @param retryAfter the {@code Retry-After} of a 503
 * @param resourceMetadata the RFC 9728 metadata URL for Bearer challenges, or null
 * @param grid {@code local} or {@code jcache}
 * @param gridOnLoss {@code failClosed} or {@code local}
 * @param dpop the DPoP settings (keys under {@code dpop.})
 */
record FilterSettings(
    List<List<String>> branches,
    String realm,
    boolean required,
    Set<String> requiredScopes,
    Set<String> requiredRoles,
    List<String> excludedPaths,
    Set<String> methods,
    Duration retryAfter,
    String resourceMetadata,
    String grid,
    String gridOnLoss,
    DpopSettings dpop) {
  private static final System.Logger LOG = System.getLogger(AuthenticationFilter.class.getName());

  static final String DEFAULT_REALM = "api";
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  static final boolean DEFAULT_REQUIRED = true;
  private static final String NOT_CANONICAL =
      "not a canonical path (no dot segments, ';' parameters, empty segments, escapes of letters,"
          + " digits or -._~, lower-case escapes)";

  static FilterSettings from(Config config) {
    List<List<String>> branches = parseBranches(config);
    String realm = config.string(AuthenticationFilter.REALM).orElse(DEFAULT_REALM);
    try {
      new Challenge("Bearer", realm);
    } catch (IllegalArgumentException e) {
      throw config.invalid(AuthenticationFilter.REALM, realm, e.getMessage());
    }
    Set<String> scopes = new LinkedHashSet<>(config.list(AuthenticationFilter.REQUIRED_SCOPES));
    for (String scope : scopes) {
      if (!scope.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\')) {
        throw config.invalid(AuthenticationFilter.REQUIRED_SCOPES, scope, "not a scope token");
      }
    }
    List<String> excluded = config.list(AuthenticationFilter.EXCLUDED_PATHS);
    for (String path : excluded) {
      if (!path.startsWith("/")
          || path.indexOf('*') >= 0 && !path.endsWith("/*")
          || path.indexOf('*') != path.lastIndexOf('*')) {
        throw config.invalid(
            AuthenticationFilter.EXCLUDED_PATHS, path, "expected /exact/path or /prefix/*");
      }
      String base = path.endsWith("/*") ? path.substring(0, path.length() - 1) : path;
      if (!base.equals(CanonicalPath.canonical(base))) {
        // requests are matched on their canonical path, which such an exclusion never equals
        throw config.invalid(AuthenticationFilter.EXCLUDED_PATHS, path, NOT_CANONICAL);
      }
    }
    Set<String> methods = new LinkedHashSet<>();
    for (String method : config.list(AuthenticationFilter.METHODS)) {
      if (!method.chars().allMatch(Challenge::isTokenChar)) {
        throw config.invalid(AuthenticationFilter.METHODS, method, "not an HTTP method");
      }
      methods.add(method.toUpperCase(Locale.ROOT));
    }
    Duration retryAfter = config.duration(AuthenticationFilter.RETRY_AFTER, DEFAULT_RETRY_AFTER);
    if (retryAfter.toSeconds() < 1) {
      throw config.invalid(
          AuthenticationFilter.RETRY_AFTER, retryAfter.toString(), "must be at least 1s");
    }
    if (branches.isEmpty()
        && scopes.isEmpty()
        && config.list(AuthenticationFilter.REQUIRED_ROLES).isEmpty()) {
      throw new ConfigurationException(
          "Setting "
              + AuthenticationFilter.MECHANISMS
              + " is missing; without it the filter only authorizes and needs "
              + AuthenticationFilter.REQUIRED_SCOPES
              + " or "
              + AuthenticationFilter.REQUIRED_ROLES);
    }
    return new FilterSettings(
        branches,
        realm,
        config.bool(AuthenticationFilter.REQUIRED, DEFAULT_REQUIRED),
        Collections.unmodifiableSet(scopes),
        Collections.unmodifiableSet(
            new LinkedHashSet<>(config.list(AuthenticationFilter.REQUIRED_ROLES))),
        excluded,
        Collections.unmodifiableSet(methods),
        retryAfter,
        resourceMetadata(config),
        grid(config),
        gridOnLoss(config),
        DpopSettings.from(config.child(DpopSettings.PREFIX)));
  }

  private static String grid(Config config) {
    String grid = config.string(AuthenticationFilter.GRID).orElse(Grids.LOCAL);
    if (!grid.equals(Grids.LOCAL) && !grid.equals(Grids.JCACHE)) {
      throw config.invalid(
          AuthenticationFilter.GRID, grid, "expected " + Grids.LOCAL + " or " + Grids.JCACHE);
    }
    return grid;
  }

  private static String gridOnLoss(Config config) {
    Optional<String> onLoss = config.string(AuthenticationFilter.GRID_ON_LOSS);
    if (onLoss.isEmpty()) {
      return Grids.FAIL_CLOSED;
    }
    if (!onLoss.get().equals(Grids.FAIL_CLOSED) && !onLoss.get().equals(Grids.LOCAL)) {
      throw config.invalid(
          AuthenticationFilter.GRID_ON_LOSS,
          onLoss.get(),
          "expected " + Grids.FAIL_CLOSED + " or " + Grids.LOCAL);
    }
    if (!grid(config).equals(Grids.JCACHE)) {
      throw config.invalid(
          AuthenticationFilter.GRID_ON_LOSS,
          onLoss.get(),
          "applies only when " + AuthenticationFilter.GRID + " is " + Grids.JCACHE);
    }
    return onLoss.get();
  }

  private static String resourceMetadata(Config config) {
    Optional<String> value = config.string(AuthenticationFilter.RESOURCE_METADATA);
    if (value.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(value.get());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawFragment() != null) {
        throw config.invalid(
            AuthenticationFilter.RESOURCE_METADATA,
            value.get(),
            "expected an absolute http(s) URL without user info or fragment");
      }
      new Challenge("Bearer", "api", uri.toASCIIString());
      return uri.toASCIIString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw config.invalid(AuthenticationFilter.RESOURCE_METADATA, value.get(), "not a URL");
    }
  }

  private static List<List<String>> parseBranches(Config config) {
    Optional<String> configured = config.string(AuthenticationFilter.MECHANISMS);
    if (configured.isEmpty()) {
      return List.of(); // authorization only: relies on an earlier Portcullis filter
    }
    String expression = configured.get();
    List<List<String>> branches = new ArrayList<>();
    for (String branch : expression.split(",", -1)) {
      List<String> names = new ArrayList<>();
      for (String name : branch.split("\\+", -1)) {
        String n = name.trim();
        if (n.isEmpty() || !n.chars().allMatch(Character::isLetterOrDigit) || names.contains(n)) {
          throw config.invalid(
              AuthenticationFilter.MECHANISMS,
              expression,
              "expected names joined by ',' (or) and '+' (and), such as jwt,apiKey or mtls+jwt");
        }
        names.add(n);
      }
      if (branches.contains(names)) {
        throw config.invalid(AuthenticationFilter.MECHANISMS, expression, "repeats a branch");
      }
      branches.add(List.copyOf(names));
    }
    return List.copyOf(branches);
  }

  /**
   * Whether the filter passes a request untouched: a genuine CORS preflight, a method it does not
   * cover (and no way to name another method, {@link MethodOverrides}), an excluded path.
   *
   * @param request the request as received (credential headers not hidden)
   * @param path its canonical path
   */
  boolean skips(HttpServletRequest request, String path, List<Authenticator> authenticators) {
    return Preflight.is(request, authenticators)
        || !appliesTo(request.getMethod()) && !MethodOverrides.possible(request)
        || excludes(path);
  }

  boolean excludes(String path) {
    for (String pattern : excludedPaths) {
      if (matches(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a canonical path matches {@code /exact} or {@code /prefix/*} (the prefix included). */
  static boolean matches(String pattern, String path) {
    if (pattern.endsWith("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 2);
      return path.equals(prefix) || path.startsWith(prefix + "/");
    }
    return path.equals(pattern);
  }

  boolean appliesTo(String method) {
    // Configured methods are upper-cased; compare the request's the same way so that "post"
    // cannot slip past a filter that protects POST. HEAD is GET without a body (RFC 9110 §9.3.2).
    if (methods.isEmpty()) {
      return true;
    }
    String upper = method.toUpperCase(Locale.ROOT);
    return methods.contains(upper) || upper.equals("HEAD") && methods.contains("GET");
  }

  /** The one start-up line with the effective settings. */
  void logStart(String filterName) {
    LOG.log(
        System.Logger.Level.INFO,
        "Portcullis filter {0}: mechanisms={1}, realm={2}, required={3}, requiredScopes={4},"
            + " requiredRoles={5}, excludedPaths={6}, methods={7}, grid={8}",
        filterName,
        branches(),
        realm(),
        required(),
        requiredScopes(),
        requiredRoles(),
        excludedPaths(),
        methods().isEmpty() ? "all" : methods(),
        grid.equals(Grids.LOCAL) ? grid : grid + " (onLoss " + gridOnLoss + ")");
  }
}
