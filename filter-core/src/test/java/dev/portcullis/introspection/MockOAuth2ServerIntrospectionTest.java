package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Identity;
import dev.portcullis.testing.FakeTime;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real authorization server (mock-oauth2-server) running in-process on loopback. */
class MockOAuth2ServerIntrospectionTest {
  private static MockOAuth2Server server;
  private FakeTime time;
  private Map<String, String> settings;

  @BeforeAll
  static void startServer() throws Exception {
    server = new MockOAuth2Server();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterAll
  static void stopServer() {
    server.shutdown();
  }

  @BeforeEach
  void settings() {
    // The server stamps tokens with real time; the fake clock starts there.
    time = new FakeTime(Instant.now());
    settings = Fixture.settings(server.url("/default/introspect").toString());
    // the server's tokens are JWTs: introspected only for issuers named as ones to introspect
    settings.put(
        "introspection.jwtIssuers", server.issuerUrl("default") + "," + server.issuerUrl("other"));
    // the first call for an issuer the server has not used yet makes it generate keys: on a
    // loaded machine that outlasts the default 5 s
    settings.put("introspection.readTimeout", "30s");
  }

  private String issue(String audience, Map<String, Object> claims) {
    return server.issueToken("default", "alice", audience, claims, 3600).serialize();
  }

  @Test
  void authenticateWhenServerIssuedTokenThenActiveWithScopesAndClient() throws Exception {
    settings.put("introspection.issuer", server.issuerUrl("default").toString());
    settings.put("introspection.audience", "orders");
    String token = issue("orders", Map.of("scope", "orders.read orders.write", "client_id", "app"));
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      AuthResult result = authenticator.authenticate(bearer(token));
      assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
      Identity identity = ((AuthResult.Authenticated) result).identity();
      assertThat(identity.getName()).isEqualTo("alice");
      assertThat(identity.scopes()).containsExactly("orders.read", "orders.write");
      assertThat(identity.attributes()).containsEntry("client_id", "app");
      assertThat(identity.expiresAt()).isPresent();
    }
  }

  @Test
  void authenticateWhenTokenUnknownToServerThenNotActive() throws Exception {
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.authenticate(bearer("not-a-token-of-this-server")))
          .isEqualTo(AuthResult.rejected(AuthError.invalidToken("The access token is not active")));
    }
  }

  @Test
  void authenticateWhenTokenFromAnotherIssuerOfServerThenWrongIssuer() throws Exception {
    settings.put("introspection.issuer", server.issuerUrl("default").toString());
    String token = server.issueToken("other", "alice", "orders", Map.of(), 3600).serialize();
    settings.put("introspection.endpoint", server.url("/other/introspect").toString());
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.authenticate(bearer(token)))
          .isEqualTo(AuthResult.rejected(AuthError.invalidToken("The access token is invalid")));
    }
  }

  @Test
  void authenticateWhenAudienceNotOursThenWrongAudience() throws Exception {
    settings.put("introspection.audience", "orders");
    String token = issue("billing", Map.of());
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.authenticate(bearer(token)))
          .isEqualTo(AuthResult.rejected(AuthError.invalidToken("The access token is invalid")));
    }
  }

  @Test
  void authenticateWhenUsernameClaimConfiguredThenNamedByUsername() throws Exception {
    settings.put("introspection.principalClaim", "username");
    String token = issue("orders", Map.of("username", "alice@example.org"));
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      AuthResult result = authenticator.authenticate(bearer(token));
      assertThat(((AuthResult.Authenticated) result).identity().getName())
          .isEqualTo("alice@example.org");
    }
  }
}
