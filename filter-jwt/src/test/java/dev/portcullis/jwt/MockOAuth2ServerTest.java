package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeTime;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real OAuth 2.0 / OIDC server (mock-oauth2-server) on loopback: discovery, JWKS, key
 * rotation, outage and recovery.
 */
class MockOAuth2ServerTest {
  private final FakeTime time = new FakeTime(Instant.now());
  private MockOAuth2Server server;
  private int port;
  private String issuer;
  private final Map<String, String> config = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    server = serverWith(newKey("first"));
    server.start(InetAddress.getLoopbackAddress(), port);
    issuer = server.issuerUrl("default").toString();
    config.put("jwt.issuer", issuer);
    config.put("jwt.audience", "api");
  }

  @AfterEach
  void stop() {
    server.shutdown();
  }

  private static JWK newKey(String kid) throws Exception {
    return new RSAKeyGenerator(2048).keyID(kid).generate();
  }

  private static MockOAuth2Server serverWith(JWK key) {
    // The stock provider names every key after its issuer id; a rotation needs a new kid.
    KeyProvider keys =
        new KeyProvider() {
          @Override
          public JWK signingKey(String issuerId) {
            return key;
          }
        };
    OAuth2TokenProvider tokens = new OAuth2TokenProvider(keys);
    return new MockOAuth2Server(
        new OAuth2Config(false, null, null, false, tokens, Set.of(), new MockWebServerWrapper()));
  }

  private void restartWith(JWK key) {
    server.shutdown();
    server = serverWith(key);
    server.start(InetAddress.getLoopbackAddress(), port);
  }

  private Authenticator authenticator() {
    Config c = Config.of(config, name -> null);
    Authenticator a =
        new JwtAuthenticatorFactory()
            .create(c.child("jwt"), Environment.of("api", time, time, null));
    c.checkAllKnown();
    return a;
  }

  /** An RFC 9068 access token from the server. */
  private String accessToken(String subject, Map<String, Object> extra) {
    Map<String, Object> claims = new HashMap<>(extra);
    claims.put("client_id", "client-1");
    claims.put("scope", "orders.read");
    return server
        .issueToken(
            "default",
            "client-1",
            new DefaultOAuth2TokenCallback(
                "default", subject, "at+jwt", List.of("api"), claims, 3600))
        .serialize();
  }

  private String accessToken() {
    return accessToken("alice", Map.of());
  }

  @Test
  void authenticateWhenTokenIssuedByServerThenAuthenticatedThroughDiscovery() throws Exception {
    try (Authenticator a = authenticator()) {
      AuthResult result = authenticate(a, accessToken());
      assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
      Identity id = ((AuthResult.Authenticated) result).identity();
      assertThat(id.getName()).isEqualTo("alice");
      assertThat(id.scopes()).containsExactly("orders.read");
    }
  }

  @Test
  void authenticateWhenServerDefaultTokenTypedJwtThenRefusedUnlessConfigured() throws Exception {
    String plain = server.issueToken("default", "alice", "api").serialize();
    try (Authenticator a = authenticator()) {
      assertThat(authenticate(a, plain)).isEqualTo(REJECTED);
    }
    config.put("jwt.types", "at+jwt,JWT");
    config.put("jwt.requiredClaims", "sub,iat,jti");
    try (Authenticator a = authenticator()) {
      assertThat(authenticate(a, plain)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenServerRotatesKeysThenNewTokensPassWithoutRestart() throws Exception {
    try (Authenticator a = authenticator()) {
      assertThat(authenticate(a, accessToken())).isInstanceOf(AuthResult.Authenticated.class);
      String oldKeyToken = accessToken("bob", Map.of());
      restartWith(newKey("second"));
      time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, accessToken("carol", Map.of())))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, oldKeyToken)).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenServerDownThenCachedKeysServeAndUnknownKidUnavailableThenRecovers()
      throws Exception {
    try (Authenticator a = authenticator()) {
      assertThat(authenticate(a, accessToken())).isInstanceOf(AuthResult.Authenticated.class);
      String laterToken = accessToken("bob", Map.of());
      JWK next = newKey("next");
      long now = time.instant().getEpochSecond();
      String claims =
          "{\"iss\":\""
              + issuer
              + "\",\"sub\":\"carol\",\"aud\":\"api\",\"exp\":"
              + (now + 3600)
              + ",\"iat\":"
              + now
              + ",\"jti\":\"j-2\",\"client_id\":\"c\"}";
      String unknownKid =
          Fixture.sign(
              "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"next\"}",
              claims,
              "RS256",
              ((RSAKey) next).toPrivateKey());
      server.shutdown();
      time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, laterToken)).isInstanceOf(AuthResult.Authenticated.class);
      assertThatThrownBy(() -> authenticate(a, unknownKid))
          .isInstanceOf(ServiceUnavailableException.class);
      server = serverWith(next);
      server.start(InetAddress.getLoopbackAddress(), port);
      time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, unknownKid)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }
}
