package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Identity;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "Introspection": what an answer means, and how long the cache believes it. */
class IntrospectionVerdictTest {
  private static final String TOKEN = "opaque-token-123";

  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private Map<String, String> settings;
  private Authenticator authenticator;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
    settings = Fixture.settings(as.url("/introspect"));
  }

  @AfterEach
  void stop() {
    if (authenticator != null) {
      authenticator.close();
    }
    as.close();
  }

  private AuthResult authenticate(String answer) throws Exception {
    as.answer(LoopbackAs.json(200, answer));
    if (authenticator == null) {
      authenticator = Fixture.create(settings, time);
    }
    return authenticator.authenticate(bearer(TOKEN));
  }

  private static Identity identity(AuthResult result) {
    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    return ((AuthResult.Authenticated) result).identity();
  }

  private static void assertRejected(AuthResult result, String description) {
    assertThat(result).isEqualTo(AuthResult.rejected(AuthError.invalidToken(description)));
  }

  @Test
  void authenticateWhenActiveTrueThenIdentityFromAnswer() throws Exception {
    settings.put("introspection.rolesClaim", "roles");
    Identity identity =
        identity(
            authenticate(
                active(
                    time,
                    300,
                    "\"scope\":\"read write\",\"client_id\":\"app\",\"roles\":[\"admin\",7],"
                        + "\"token_type\":\"Bearer\"")));
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.mechanism()).isEqualTo("introspection");
    assertThat(identity.authType()).isEqualTo("Bearer");
    assertThat(identity.scopes()).containsExactly("read", "write");
    assertThat(identity.roles()).containsExactly("admin");
    assertThat(identity.attributes()).containsEntry("client_id", "app");
    assertThat(identity.expiresAt()).contains(time.instant().plusSeconds(300));
    assertThat(identity.fingerprint()).contains(dev.portcullis.Fingerprint.of(TOKEN));
  }

  @Test
  void authenticateWhenPrincipalClaimIsUsernameThenNamedByUsername() throws Exception {
    settings.put("introspection.principalClaim", "username");
    Identity identity = identity(authenticate(active(time, 300, "\"username\":\"bob\"")));
    assertThat(identity.getName()).isEqualTo("bob");
  }

  @Test
  void authenticateWhenPrincipalClaimMissingThenNoSubject() throws Exception {
    settings.put("introspection.principalClaim", "username");
    assertRejected(authenticate(active(time, 300, "")), "The access token names no subject");
  }

  @Test
  void authenticateWhenActiveIsStringTrueThenNotActive() throws Exception {
    assertRejected(
        authenticate("{\"active\":\"true\",\"sub\":\"alice\"}"), "The access token is not active");
  }

  @Test
  void authenticateWhenActiveIsOneThenNotActive() throws Exception {
    assertRejected(
        authenticate("{\"active\":1,\"sub\":\"alice\"}"), "The access token is not active");
  }

  @Test
  void authenticateWhenActiveMissingThenNotActive() throws Exception {
    assertRejected(authenticate("{\"sub\":\"alice\"}"), "The access token is not active");
  }

  @Test
  void authenticateWhenActiveFalseThenNotActiveAndNegativeCachedBriefly() throws Exception {
    assertRejected(authenticate("{\"active\":false}"), "The access token is not active");
    time.advance(Duration.ofSeconds(9));
    assertRejected(authenticator.authenticate(bearer(TOKEN)), "The access token is not active");
    assertThat(as.calls()).isEqualTo(1);
    time.advance(Duration.ofSeconds(2));
    as.answer(LoopbackAs.json(200, active(time, 300, "")));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(2);
  }

  @Test
  void authenticateWhenExpPastThenExpired() throws Exception {
    assertRejected(authenticate(active(time, -1, "")), "The access token has expired");
  }

  @Test
  void authenticateWhenExpPassesWhileCachedThenExpiredOnNextHit() throws Exception {
    identity(authenticate(active(time, 30, "")));
    time.advance(Duration.ofSeconds(29));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(1);
    time.advance(Duration.ofSeconds(1));
    as.answer(LoopbackAs.json(200, "{\"active\":false}"));
    assertThat(authenticator.authenticate(bearer(TOKEN))).isInstanceOf(AuthResult.Rejected.class);
  }

  @Test
  void authenticateWhenNbfInFutureThenNotYetValidUntilItPassesWithoutNewCall() throws Exception {
    long nbf = time.instant().getEpochSecond() + 60;
    String answer = active(time, 300, "\"nbf\":" + nbf);
    assertRejected(authenticate(answer), "The access token is not yet valid");
    time.advance(Duration.ofSeconds(29));
    assertRejected(authenticator.authenticate(bearer(TOKEN)), "The access token is not yet valid");
    time.advance(Duration.ofSeconds(1));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(1);
  }

  @Test
  void authenticateWhenNbfWithinClockSkewThenAccepted() throws Exception {
    long nbf = time.instant().getEpochSecond() + 30;
    Identity identity = identity(authenticate(active(time, 300, "\"nbf\":" + nbf)));
    assertThat(identity.attributes()).containsEntry("nbf", Instant.ofEpochSecond(nbf));
  }

  @Test
  void authenticateWhenNoExpThenCachedForConfiguredMaximumOnly() throws Exception {
    settings.put("introspection.cacheTtl", "2m");
    identity(authenticate("{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\"}"));
    time.advance(Duration.ofSeconds(119));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(1);
    time.advance(Duration.ofSeconds(1));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(2);
  }

  @Test
  void authenticateWhenExpSoonerThanCacheTtlThenCachedUntilExpOnly() throws Exception {
    identity(authenticate(active(time, 10, "")));
    time.advance(Duration.ofSeconds(10));
    as.answer(LoopbackAs.json(200, active(time, 10, "")));
    identity(authenticator.authenticate(bearer(TOKEN)));
    assertThat(as.calls()).isEqualTo(2);
  }

  @Test
  void authenticateWhenIssuerDiffersThenWrongIssuer() throws Exception {
    settings.put("introspection.issuer", "https://as.example");
    assertRejected(
        authenticate(active(time, 300, "\"iss\":\"https://as.example/\"")),
        "The access token is invalid");
  }

  @Test
  void authenticateWhenIssuerMissingButConfiguredThenWrongIssuer() throws Exception {
    settings.put("introspection.issuer", "https://as.example");
    assertRejected(authenticate(active(time, 300, "")), "The access token is invalid");
  }

  @Test
  void authenticateWhenIssuerMatchesThenAccepted() throws Exception {
    settings.put("introspection.issuer", "https://as.example");
    identity(authenticate(active(time, 300, "\"iss\":\"https://as.example\"")));
  }

  @Test
  void authenticateWhenAudienceDiffersThenWrongAudience() throws Exception {
    settings.put("introspection.audience", "orders");
    assertRejected(
        authenticate(active(time, 300, "\"aud\":[\"billing\",\"orders-v2\"]")),
        "The access token is invalid");
  }

  @Test
  void authenticateWhenAudienceStringHoldsSpacesThenNotSplit() throws Exception {
    settings.put("introspection.audience", "orders");
    assertRejected(
        authenticate(active(time, 300, "\"aud\":\"billing orders\"")),
        "The access token is invalid");
  }

  @Test
  void authenticateWhenAudienceArrayContainsOursThenAccepted() throws Exception {
    settings.put("introspection.audience", "orders");
    identity(authenticate(active(time, 300, "\"aud\":[\"billing\",\"orders\"]")));
  }

  @Test
  void authenticateWhenTokenTypeIsDpopThenNotBearer() throws Exception {
    assertRejected(
        authenticate(active(time, 300, "\"token_type\":\"DPoP\"")),
        "The access token is not a bearer token");
  }

  @Test
  void authenticateWhenConfirmedByDpopKeyThenIdentityCarriesTheThumbprint() throws Exception {
    String jkt = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
    Identity identity =
        identity(
            authenticate(
                active(time, 300, "\"token_type\":\"DPoP\",\"cnf\":{\"jkt\":\"" + jkt + "\"}")));

    assertThat(identity.keyThumbprint()).contains(jkt);
    assertThat(identity.authType()).isEqualTo("DPoP");
  }

  @Test
  void authenticateWhenDpopKeyIsNoThumbprintThenInvalid() throws Exception {
    assertRejected(
        authenticate(active(time, 300, "\"cnf\":{\"jkt\":\"abc\"}")),
        "The access token is invalid");
  }

  @Test
  void authenticateWhenCnfHasCertificateThumbprintThenIdentityCarriesIt() throws Exception {
    Identity identity =
        identity(
            authenticate(
                active(
                    time,
                    300,
                    "\"cnf\":{\"x5t#S256\":\"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2\"}")));
    assertThat(identity.certificateThumbprint())
        .contains("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2");
  }

  @Test
  void authenticateWhenNullMembersThenTreatedAsAbsent() throws Exception {
    Identity identity =
        identity(authenticate(active(time, 300, "\"nbf\":null,\"scope\":null,\"client_id\":null")));
    assertThat(identity.scopes()).isEmpty();
    assertThat(identity.attributes()).doesNotContainKeys("nbf", "client_id");
  }
}
