package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter in a plain Servlet 6 container, embedded Apache Tomcat 10.1 (no Payara, no CDI, no
 * JAX-RS runtime), configured as {@code web.xml} would: API keys from a key file and JWT access
 * tokens from a real authorization server (mock-oauth2-server) on loopback. One server for the
 * class.
 */
class TomcatPortabilityTest {
  private static final String KEY =
      "pc_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static MockOAuth2Server authorizationServer;
  private static Tomcat tomcat;
  private static String base;

  /** Answers who the container's request says the caller is. */
  static final class WhoAmI extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Identity identity = (Identity) request.getAttribute(Identity.REQUEST_ATTRIBUTE);
      response.setContentType("text/plain");
      response
          .getWriter()
          .print(
              request.getUserPrincipal().getName()
                  + " "
                  + request.getAuthType()
                  + " admin="
                  + request.isUserInRole("admin")
                  + " scopes="
                  + new TreeSet<>(identity.scopes()));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    authorizationServer = new MockOAuth2Server();
    authorizationServer.start(InetAddress.getLoopbackAddress(), freePort());
    Path keys = dir.resolve("api-keys.properties");
    Files.writeString(
        keys,
        "0123456789abcdef=hash=sha256:"
            + sha256(KEY)
            + ";principal=bob;scopes=orders:read;roles=\n",
        StandardCharsets.UTF_8);

    tomcat = new Tomcat();
    tomcat.setBaseDir(dir.resolve("tomcat").toString());
    tomcat.setHostname("127.0.0.1");
    tomcat.setPort(0);
    Context context = tomcat.addContext("", dir.toString());
    Wrapper servlet = Tomcat.addServlet(context, "whoami", new WhoAmI());
    servlet.addMapping("/api/*");
    FilterDef filter = new FilterDef();
    filter.setFilterName("portcullis");
    filter.setFilterClass(AuthenticationFilter.class.getName());
    Map.of(
            "mechanisms", "apiKey,jwt",
            "requiredScopes", "orders:read",
            "apiKey.file", keys.toString(),
            "jwt.issuer", authorizationServer.issuerUrl("default").toString(),
            "jwt.audience", "api",
            "jwt.rolesClaim", "groups",
            // the first discovery and JWKS answers of mock-oauth2-server are slow on a busy machine
            "jwt.connectTimeout", "30s",
            "jwt.readTimeout", "30s")
        .forEach(filter::addInitParameter);
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("portcullis");
    mapping.addURLPattern("/api/*");
    context.addFilterMap(mapping);
    tomcat.getConnector();
    tomcat.start();
    base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    authorizationServer.shutdown();
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    }
  }

  private static String sha256(String key) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static String token(String subject, String scope, List<String> groups) {
    return authorizationServer
        .issueToken(
            "default",
            "client-1",
            new DefaultOAuth2TokenCallback(
                "default",
                subject,
                "at+jwt",
                List.of("api"),
                Map.of("client_id", "client-1", "scope", scope, "groups", groups),
                600))
        .serialize();
  }

  private static HttpResponse<String> get(String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/me"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getWhenNoCredentialsThenUnauthorizedWithBothChallenges() throws Exception {
    HttpResponse<String> response = get();

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly("ApiKey realm=\"api\"", "Bearer realm=\"api\"");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void getWhenApiKeyThenPrincipalFromKeyFile() throws Exception {
    HttpResponse<String> response = get("X-API-Key", KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("bob ApiKey admin=false scopes=[orders:read]");
  }

  @Test
  void getWhenJwtFromAuthorizationServerThenPrincipalAndRoles() throws Exception {
    String jwt = token("alice", "orders:read orders:write", List.of("admin"));

    HttpResponse<String> response = get("Authorization", "Bearer " + jwt);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo("alice Bearer admin=true scopes=[orders:read, orders:write]");
  }

  @Test
  void getWhenJwtSignatureAlteredThenInvalidToken() throws Exception {
    String jwt = token("alice", "orders:read", List.of());
    String altered = jwt.substring(0, jwt.length() - 2) + (jwt.endsWith("AA") ? "BB" : "AA");

    HttpResponse<String> response = get("Authorization", "Bearer " + altered);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void getWhenWrongApiKeyThenInvalidToken() throws Exception {
    HttpResponse<String> response = get("X-API-Key", KEY.replace("_AAAA", "_BBBB"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The API key is invalid\"");
  }

  @Test
  void getWhenJwtLacksRequiredScopeThenInsufficientScope() throws Exception {
    HttpResponse<String> response =
        get("Authorization", "Bearer " + token("carol", "profile", List.of()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:read\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void serverIsPlainTomcat() {
    assertThat(ServerInfo.getServerInfo()).startsWith("Apache Tomcat/10.1.");
  }
}
