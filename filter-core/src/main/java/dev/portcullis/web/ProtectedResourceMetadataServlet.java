package dev.portcullis.web;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.jose.SigningAlgorithm;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves OAuth 2.0 Protected Resource Metadata (RFC 9728) as fixed JSON, built once from its
 * init-params; nothing from the request is reflected. Map it to {@code
 * /.well-known/oauth-protected-resource} (plus the resource's path, if it has one) and point the
 * filter's {@code resourceMetadata} at the same URL. Init-params, resolved like filter settings
 * ({@code ${NAME:default}}):
 *
 * <ul>
 *   <li>{@value #RESOURCE} (required): the resource identifier, an absolute {@code https} (or, for
 *       local use, {@code http}) URL without query or fragment.
 *   <li>{@value #AUTHORIZATION_SERVERS}: issuer identifiers, comma-separated.
 *   <li>{@value #SCOPES_SUPPORTED}: scope values, comma-separated.
 *   <li>{@value #BEARER_METHODS}: of {@code header}, {@code body}, {@code query}; default {@code
 *       header}, the only one Portcullis reads.
 *   <li>{@value #RESOURCE_NAME}, {@value #RESOURCE_DOCUMENTATION}: optional, shown to people.
 *   <li>{@value #DPOP_ALGORITHMS}: the DPoP proof algorithms the filter's {@code dpop.algorithms}
 *       accepts; {@value #DPOP_REQUIRED}: {@code true} when its {@code dpop.required} is.
 * </ul>
 */
public class ProtectedResourceMetadataServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Key of the resource identifier. */
  public static final String RESOURCE = "resource";

  /** Key of the authorization servers. */
  public static final String AUTHORIZATION_SERVERS = "authorizationServers";

  /** Key of the supported scopes. */
  public static final String SCOPES_SUPPORTED = "scopesSupported";

  /** Key of the bearer token methods. */
  public static final String BEARER_METHODS = "bearerMethodsSupported";

  /** Key of the human-readable name. */
  public static final String RESOURCE_NAME = "resourceName";

  /** Key of the documentation URL. */
  public static final String RESOURCE_DOCUMENTATION = "resourceDocumentation";

  /** Key of the DPoP proof algorithms (RFC 9728 §2, RFC 9449). */
  public static final String DPOP_ALGORITHMS = "dpopSigningAlgValuesSupported";

  /** Key of whether every access token must be DPoP-bound (RFC 9728 §2). */
  public static final String DPOP_REQUIRED = "dpopBoundAccessTokensRequired";

  private static final Set<String> METHODS = Set.of("header", "body", "query");

  private transient byte[] document;

  /** Creates the servlet; the container calls this. */
  public ProtectedResourceMetadataServlet() {}

  @Override
  public final void init(ServletConfig servletConfig) throws ServletException {
    super.init(servletConfig);
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(servletConfig.getInitParameterNames())) {
      params.put(name, servletConfig.getInitParameter(name));
    }
    try {
      document =
          document(
              Config.of(
                  params, Platform.lookup(servletConfig.getServletContext().getClassLoader())));
    } catch (ConfigurationException e) {
      throw new ServletException(
          "Servlet " + servletConfig.getServletName() + ": " + e.getMessage(), e);
    }
  }

  static byte[] document(Config config) {
    JsonObjectBuilder json = Json.createObjectBuilder();
    json.add("resource", url(config, RESOURCE, config.required(RESOURCE), true));
    List<String> servers = config.list(AUTHORIZATION_SERVERS);
    if (!servers.isEmpty()) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      servers.forEach(s -> array.add(url(config, AUTHORIZATION_SERVERS, s, true)));
      json.add("authorization_servers", array);
    }
    List<String> scopes = config.list(SCOPES_SUPPORTED);
    if (!scopes.isEmpty()) {
      json.add("scopes_supported", Json.createArrayBuilder(scopes));
    }
    List<String> methods = config.list(BEARER_METHODS);
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw config.invalid(BEARER_METHODS, m, "expected header, body or query");
      }
    }
    json.add(
        "bearer_methods_supported",
        Json.createArrayBuilder(methods.isEmpty() ? List.of("header") : methods));
    List<String> algorithms = config.list(DPOP_ALGORITHMS);
    for (String a : algorithms) {
      if (SigningAlgorithm.byName(a).filter(alg -> !alg.symmetric()).isEmpty()) {
        throw config.invalid(DPOP_ALGORITHMS, a, "not an asymmetric JWS algorithm");
      }
    }
    if (!algorithms.isEmpty()) {
      json.add("dpop_signing_alg_values_supported", Json.createArrayBuilder(algorithms));
    }
    if (config.string(DPOP_REQUIRED).isPresent()) {
      json.add("dpop_bound_access_tokens_required", config.bool(DPOP_REQUIRED, false));
    }
    config.string(RESOURCE_NAME).ifPresent(n -> json.add("resource_name", n));
    config
        .string(RESOURCE_DOCUMENTATION)
        .ifPresent(
            d -> json.add("resource_documentation", url(config, RESOURCE_DOCUMENTATION, d, false)));
    config.checkAllKnown();
    return json.build().toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String url(Config config, String key, String value, boolean identifier) {
    try {
      URI uri = new URI(value);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      if (!web
          || uri.getHost() == null
          || uri.getRawFragment() != null
          || identifier && uri.getRawQuery() != null) {
        throw config.invalid(
            key,
            value,
            identifier
                ? "expected an absolute http(s) URL without query or fragment"
                : "expected an absolute http(s) URL without fragment");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw config.invalid(key, value, "not a URL");
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "max-age=3600");
    response.setContentLength(document.length);
    response.getOutputStream().write(document);
  }
}
