package dev.portcullis.sample.demo;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.lang.JoseException;

/**
 * DEMO ONLY: HTTP face of {@link DemoIssuer} under {@code /demo-issuer}: discovery, JWKS, a token
 * endpoint that needs no client authentication (so curl examples stay short) and an introspection
 * endpoint protected by the demo resource-server credentials {@code demo-rs:demo-secret}.
 */
final class DemoIssuerServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String RS_CLIENT = "demo-rs:demo-secret";

  private final transient DemoIssuer issuer;

  DemoIssuerServlet(DemoIssuer issuer) {
    this.issuer = issuer;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    switch (path) {
      case "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" ->
          json(
              response,
              200,
              Json.createObjectBuilder()
                  .add("issuer", issuer.issuer())
                  .add("jwks_uri", issuer.issuer() + "/jwks")
                  .add("token_endpoint", issuer.issuer() + "/token")
                  .add("introspection_endpoint", issuer.issuer() + "/introspect")
                  .add(
                      "id_token_signing_alg_values_supported",
                      Json.createArrayBuilder().add("RS256"))
                  .build()
                  .toString());
      case "/jwks" -> json(response, 200, issuer.jwksJson());
      default -> response.sendError(404);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    switch (path) {
      case "/token" -> token(request, response);
      case "/introspect" -> introspect(request, response);
      default -> response.sendError(404);
    }
  }

  private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String subject = param(request, "sub", "demo-user");
    String scope = param(request, "scope", "");
    List<String> roles =
        Arrays.stream(param(request, "roles", "").split(",")).filter(s -> !s.isBlank()).toList();
    Duration lifetime = Duration.ofSeconds(300);
    String token;
    try {
      token =
          "opaque".equals(request.getParameter("format"))
              ? issuer.mintOpaque(subject, scope, roles, lifetime)
              : issuer.mintJwt(subject, scope, roles, lifetime);
    } catch (JoseException e) {
      response.sendError(500);
      return;
    }
    json(
        response,
        200,
        Json.createObjectBuilder()
            .add("access_token", token)
            .add("token_type", "Bearer")
            .add("expires_in", lifetime.toSeconds())
            .build()
            .toString());
  }

  private void introspect(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String expected =
        "Basic " + Base64.getEncoder().encodeToString(RS_CLIENT.getBytes(StandardCharsets.UTF_8));
    String given = request.getHeader("Authorization");
    if (given == null
        || !MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"demo-issuer\"");
      json(response, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String token = request.getParameter("token");
    Map<String, Object> claims = token == null ? null : issuer.introspect(token);
    JsonObjectBuilder body = Json.createObjectBuilder().add("active", claims != null);
    if (claims != null) {
      body.add("sub", (String) claims.get("sub"))
          .add("scope", (String) claims.get("scope"))
          .add("client_id", (String) claims.get("client_id"))
          .add("iss", (String) claims.get("iss"))
          .add("aud", (String) claims.get("aud"))
          .add("iat", (Long) claims.get("iat"))
          .add("exp", (Long) claims.get("exp"))
          .add("token_type", "Bearer");
      @SuppressWarnings("unchecked")
      List<String> groups = (List<String>) claims.get("groups");
      body.add("groups", Json.createArrayBuilder(groups));
    }
    json(response, 200, body.build().toString());
  }

  private static String param(HttpServletRequest request, String name, String fallback) {
    String value = request.getParameter(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static void json(HttpServletResponse response, int status, String body)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
