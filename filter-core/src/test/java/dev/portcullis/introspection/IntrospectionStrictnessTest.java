package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Introspection as strict as JWT: the audience is required (RFC 9700 §2.3) unless explicitly opted
 * out, and a {@code cnf} the filter cannot verify is refused, never ignored (RFC 8705, RFC 9449
 * §7.2). Exact statuses and challenges through the whole filter.
 */
class IntrospectionStrictnessTest {
  private static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"";
  private static final String THUMBPRINT = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";

  private final FakeTime time = new FakeTime();
  private final LoopbackAs as = LoopbackAs.http();
  private final LogCapture log = LogCapture.start();
  private AuthenticationFilter filter;

  @AfterEach
  void stop() {
    if (filter != null) {
      filter.destroy();
    }
    as.close();
    log.close();
  }

  private AuthenticationFilterBuilder builder(Map<String, String> settings) {
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().mechanisms("introspection").time(time, time);
    settings.forEach(builder::set);
    return builder;
  }

  private void init(Map<String, String> settings) throws Exception {
    filter = builder(settings).build();
    filter.init(new FakeFilterConfig());
  }

  /** The answer to one request whose token the server introspects as {@code answer}. */
  private FakeResponse send(String answer) throws Exception {
    as.answer(LoopbackAs.json(200, answer));
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me")
            .header("Authorization", "Bearer token-" + answer.hashCode())
            .build(),
        response.servlet(),
        chain);
    assertThat(chain.called()).isEqualTo(response.status() == 0 || response.status() == 200);
    return response;
  }

  private void assertRefused(String answer, String description) throws Exception {
    FakeResponse response = send(answer);
    assertThat(response.status()).as(answer).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .as(answer)
        .containsExactly(INVALID + description + "\"");
  }

  private void assertAccepted(String answer) throws Exception {
    assertThat(send(answer).status()).as(answer).isIn(0, 200);
  }

  @Test
  void initWhenAudienceMissingThenDeploymentFailsNamingTheKey() {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.remove("introspection.audience");
    assertThatThrownBy(
            () -> Initializing.initialize(builder(settings).build(), new FakeFilterConfig()))
        .isInstanceOf(ServletException.class)
        .rootCause()
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Missing required setting introspection.audience (the audience this resource"
                + " server's tokens carry, RFC 9700 §2.3; or introspection.audienceCheck=false to"
                + " accept tokens of any audience)");
  }

  @Test
  void initWhenAudienceCheckOffAndAudienceSetThenDeploymentFailsNamingBoth() {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.audienceCheck", "false");
    assertThatThrownBy(
            () -> Initializing.initialize(builder(settings).build(), new FakeFilterConfig()))
        .rootCause()
        .hasMessage(
            "Invalid value [false] for setting introspection.audienceCheck: contradicts"
                + " introspection.audience, remove one of them");
  }

  @Test
  void initWhenAudienceCheckNotBooleanThenDeploymentFailsNamingKeyAndValue() {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.audienceCheck", "no");
    assertThatThrownBy(
            () -> Initializing.initialize(builder(settings).build(), new FakeFilterConfig()))
        .rootCause()
        .hasMessage(
            "Invalid value [no] for setting introspection.audienceCheck: expected true or false");
  }

  @Test
  void doFilterWhenAudienceCheckOffThenOneWarningAndAnyAudienceAccepted() throws Exception {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.remove("introspection.audience");
    settings.put("introspection.audienceCheck", "false");
    init(settings);
    assertThat(log.lines())
        .filteredOn(l -> l.startsWith("WARNING "))
        .containsExactly(
            "WARNING dev.portcullis.introspection.IntrospectionAuthenticatorFactory: Portcullis"
                + " introspection: introspection.audienceCheck=false, tokens minted for any"
                + " resource server of the authorization server are accepted (RFC 9700 §2.3)");
    assertAccepted(active(time, 300, "\"aud\":\"billing\""));
    assertAccepted(active(time, 300, "\"aud\":null"));
  }

  @Test
  void doFilterWhenAudienceNotOursOrMalformedThen401WrongAudience() throws Exception {
    init(Fixture.settings(as.url("/introspect")));
    for (String aud :
        List.of(
            "\"aud\":\"billing\"",
            "\"aud\":null",
            "\"aud\":[]",
            "\"aud\":[\"billing\"]",
            "\"aud\":\"ORDERS\"",
            "\"aud\":\"orders \"",
            "\"aud\":[\"orders\",7]",
            "\"aud\":[[\"orders\"]]",
            "\"aud\":{\"orders\":true}",
            "\"aud\":7")) {
      assertRefused(active(time, 300, aud), "The access token is invalid");
    }
    assertRefused("{\"active\":true,\"sub\":\"alice\"}", "The access token is invalid");
    assertAccepted(active(time, 300, "\"aud\":[\"billing\",\"orders\"]"));
  }

  @Test
  void doFilterWhenIssuerConfiguredAndNotMatchingThen401WrongIssuer() throws Exception {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.issuer", "https://as.example");
    init(settings);
    for (String iss :
        List.of(
            "\"iss\":\"https://other.example\"",
            "\"iss\":[\"https://as.example\"]",
            "\"iss\":null",
            "\"other\":1")) {
      assertRefused(active(time, 300, iss), "The access token is invalid");
    }
    assertAccepted(active(time, 300, "\"iss\":\"https://as.example\""));
  }

  @Test
  void doFilterWhenCnfOrItsThumbprintMalformedThen401Invalid() throws Exception {
    init(Fixture.settings(as.url("/introspect")));
    for (String cnf :
        List.of(
            "\"cnf\":{\"x5t#S256\":7}",
            "\"cnf\":{\"x5t#S256\":null}",
            "\"cnf\":{\"x5t#S256\":true}",
            "\"cnf\":{\"x5t#S256\":{\"v\":\"" + THUMBPRINT + "\"}}",
            "\"cnf\":{\"x5t#S256\":[\"" + THUMBPRINT + "\"]}",
            "\"cnf\":null",
            "\"cnf\":\"" + THUMBPRINT + "\"",
            "\"cnf\":[{\"x5t#S256\":\"" + THUMBPRINT + "\"}]",
            "\"cnf\":7",
            // RFC 9449 §6.1: jkt is a base64url SHA-256 thumbprint
            "\"cnf\":{\"jkt\":\"abc\"}",
            "\"cnf\":{\"jkt\":7}")) {
      assertRefused(active(time, 300, cnf), "The access token is invalid");
    }
  }

  /** A canonical RFC 7638 thumbprint (the RFC 7638 §3.1 example). */
  private static final String JKT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

  @Test
  void doFilterWhenCnfNamesAnUnverifiedConfirmationMethodThen401NotBearer() throws Exception {
    init(Fixture.settings(as.url("/introspect")));
    for (String cnf :
        List.of(
            "\"cnf\":{\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"abc\"}}",
            "\"cnf\":{\"kid\":\"k1\"}",
            "\"cnf\":{\"jku\":\"https://as.example/jwks\"}",
            "\"cnf\":{\"jwe\":\"a.b.c.d.e\"}",
            "\"cnf\":{\"x5t#S256\":\"" + THUMBPRINT + "\",\"jkt\":\"" + JKT + "\"}",
            "\"cnf\":{\"x5t\":\"abc\"}")) {
      assertRefused(active(time, 300, cnf), "The access token is not a bearer token");
    }
  }

  /**
   * RFC 9449 §7.2 on the introspection path too: a DPoP-bound token (a {@code cnf.jkt}, with or
   * without {@code token_type: DPoP}) sent as Bearer is refused, DPoP on or off.
   */
  @Test
  void doFilterWhenDpopBoundTokenSentAsBearerThen401NeedsProof() throws Exception {
    for (String dpop : List.of("false", "true")) {
      Map<String, String> settings = Fixture.settings(as.url("/introspect"));
      settings.put("dpop.enabled", dpop);
      init(settings);
      for (String extra :
          List.of(
              "\"cnf\":{\"jkt\":\"" + JKT + "\"}",
              "\"token_type\":\"DPoP\",\"cnf\":{\"jkt\":\"" + JKT + "\"}")) {
        assertRefused(
            active(time, 300, extra),
            "The access token is bound to a DPoP key and needs a DPoP proof");
      }
      filter.destroy();
      filter = null;
    }
  }
}
