package dev.portcullis.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.Headers;

/**
 * A real OAuth 2.0 / OIDC server (mock-oauth2-server) in the test JVM on loopback, on the port
 * {@code it.asPort} that the build reserved and handed to Payara as well (arquillian.xml). Two of
 * its issuers matter: {@value #TRUSTED}, the sample's {@code jwt} issuer (found by discovery), and
 * {@value #INTROSPECTED}, whose tokens the sample does not verify itself and so asks the server's
 * introspection endpoint about. It can be stopped and started again on the same port with the same
 * signing keys, so tokens minted before an outage are valid after it.
 */
final class AuthorizationServer {
  static final String TRUSTED = "sample";
  static final String INTROSPECTED = "introspected";
  private static final String AUDIENCE = "portcullis-sample";

  private final int port = Integer.parseInt(System.getProperty("it.asPort"));
  private final OAuth2TokenProvider keys = new OAuth2TokenProvider();
  private MockOAuth2Server server;
  private MockWebServerWrapper http;
  private final Map<String, String> answers = new ConcurrentHashMap<>();

  /** Starts the server (again) on its port. */
  void start() {
    server =
        new MockOAuth2Server(
            new OAuth2Config(
                false, null, null, false, keys, Set.of(), http = new MockWebServerWrapper()),
            new SetAnswers());
    server.start(InetAddress.getLoopbackAddress(), port);
    String expected = "http://localhost:" + port + "/" + TRUSTED;
    if (!server.issuerUrl(TRUSTED).toString().equals(expected)) {
      throw new IllegalStateException(
          "Issuer " + server.issuerUrl(TRUSTED) + " is not the " + expected + " Payara trusts");
    }
  }

  /** Whether something accepts connections on the server's port. */
  boolean listening() {
    try {
      new Socket(InetAddress.getLoopbackAddress(), port).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** How many requests the server has received since it was last started. */
  int requests() {
    return http.getMockWebServer().getRequestCount();
  }

  /** Stops the server; its port refuses connections until {@link #start()}. */
  void stop() {
    server.shutdown();
  }

  /** An RFC 9068 access token ({@code typ: at+jwt}) of the trusted issuer. */
  String jwt(String subject, String scope, List<String> groups) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("client_id", "sample-client");
    claims.put("scope", scope);
    claims.put("groups", groups);
    return token(TRUSTED, "at+jwt", subject, claims);
  }

  /** An RFC 9068 access token of the trusted issuer bound to a DPoP key (RFC 9449 §6.1). */
  String dpopJwt(String subject, String scope, String jkt) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("client_id", "sample-client");
    claims.put("scope", scope);
    claims.put("cnf", Map.of("jkt", jkt));
    return token(TRUSTED, "at+jwt", subject, claims);
  }

  /**
   * Makes the introspection endpoint answer {@code json} for {@code token}: mock-oauth2-server's
   * own answers carry no {@code cnf}, so a DPoP-bound introspected token (RFC 9449 §6.2) is
   * answered by this route, in the same server, instead.
   */
  void answerIntrospection(String token, String json) {
    answers.put(token, json);
  }

  /** The introspection answers set with {@link #answerIntrospection}, before the server's own. */
  private final class SetAnswers implements Route {
    @Override
    public boolean match(OAuth2HttpRequest request) {
      return answer(request) != null;
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
      String json = answer(request);
      return new OAuth2HttpResponse(
          Headers.of("Content-Type", "application/json"),
          200,
          json,
          json.getBytes(StandardCharsets.UTF_8));
    }

    private String answer(OAuth2HttpRequest request) {
      if (!"POST".equals(request.getMethod())
          || !request.getUrl().encodedPath().endsWith("/introspect")) {
        return null;
      }
      String token = request.getFormParameters().get("token");
      return token == null ? null : answers.get(token);
    }
  }

  /** The issuer identifier of {@link #INTROSPECTED}. */
  String introspectedIssuer() {
    return server.issuerUrl(INTROSPECTED).toString();
  }

  /**
   * A token the sample can only check by introspection: it is a JWT too, but of an issuer the
   * sample's {@code jwt} mechanism does not trust (the server introspects only its own JWTs, and
   * only those typed {@code JWT}).
   */
  String introspectedToken(String subject, String scope) {
    return token(
        INTROSPECTED, "JWT", subject, Map.of("client_id", "sample-client", "scope", scope));
  }

  /** A JWT of one of the server's issuers that the sample neither verifies nor introspects. */
  String strangerToken(String subject) {
    return token("stranger", "JWT", subject, Map.of("scope", "orders:read"));
  }

  private String token(String issuerId, String type, String subject, Map<String, Object> claims) {
    return server
        .issueToken(
            issuerId,
            "sample-client",
            new DefaultOAuth2TokenCallback(issuerId, subject, type, List.of(AUDIENCE), claims, 600))
        .serialize();
  }
}
