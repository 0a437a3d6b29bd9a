package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.portcullis.RequestAttributes;
import dev.portcullis.testing.DpopProofMaker;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 through the filter: each proof check with its exact status and {@code WWW-Authenticate},
 * proofs made by Nimbus JOSE, time from a fake clock.
 */
class DpopFilterTest {
  private static final String ALGS = "RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA";
  private static final String URI = "https://api.example/api/orders";

  private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
  private AuthenticationFilter filter;
  private DpopProofMaker client;
  private String token;

  @BeforeEach
  void setUp() throws Exception {
    filter = start("dpop.enabled", "true");
    client = DpopProofMaker.es256();
    token = "dpop." + client.thumbprint();
    client.token(token).uri(URI).issued(time.instant());
  }

  private AuthenticationFilter start(String... dpop) throws Exception {
    String[] params = new String[dpop.length + 2];
    params[0] = "mechanisms";
    params[1] = FakeBearerFactory.NAME;
    System.arraycopy(dpop, 0, params, 2, dpop.length);
    return Exchange.start(AuthenticationFilter.builder().time(time, time).build(), params);
  }

  private static FakeRequest request() {
    return FakeRequest.get("/api/orders").secure(true).host("api.example", 443);
  }

  private Exchange send(String scheme, String tokenValue, String... proofs) {
    FakeRequest request = request().header("Authorization", scheme + " " + tokenValue);
    for (String proof : proofs) {
      request.header("DPoP", proof);
    }
    return Exchange.run(filter, request);
  }

  private static String refused(String code, String description) {
    return "DPoP realm=\"api\", error=\""
        + code
        + "\", error_description=\""
        + description
        + "\", algs=\""
        + ALGS
        + "\"";
  }

  private static void assertRefused(Exchange e, String description) {
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
    assertThat(e.challenges()).containsExactly(refused("invalid_dpop_proof", description));
  }

  @Test
  void doFilterWhenProofIsGoodThenPassedAsTheTokensIdentity() throws Exception {
    Exchange e = send("DPoP", token, client.make());

    assertThat(e.passed()).isTrue();
    assertThat(e.forwarded().getUserPrincipal().getName()).isEqualTo("alice");
    assertThat(e.forwarded().getAuthType()).isEqualTo("DPoP");
    assertThat(e.header("Vary")).isEqualTo("Authorization, DPoP");
  }

  @Test
  void doFilterWhenProofIsGoodThenTheFilterRecordsItForLaterFilters() throws Exception {
    Exchange e = send("DPoP", token, client.make());

    assertThat(e.passed()).isTrue();
    assertThat(e.forwarded().getAttribute(RequestAttributes.DPOP_PROOF_ACCEPTED))
        .isInstanceOf(String.class);
  }

  @Test
  void doFilterWhenSchemeIsLowerCaseThenAccepted() throws Exception {
    assertThat(send("dpop", token, client.make()).passed()).isTrue();
  }

  @Test
  void doFilterWhenNoCredentialThenBearerAndDpopChallenges() {
    Exchange e = Exchange.run(filter, request());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly("Bearer realm=\"api\"", "DPoP realm=\"api\", algs=\"" + ALGS + "\"");
  }

  @Test
  void doFilterWhenNoProofThenInvalidDpopProof() {
    assertRefused(send("DPoP", token), "The request must carry exactly one DPoP proof");
  }

  @Test
  void doFilterWhenTwoProofsThenInvalidDpopProof() throws Exception {
    assertRefused(
        send("DPoP", token, client.make(), client.make()),
        "The request must carry exactly one DPoP proof");
  }

  @Test
  void doFilterWhenProofReplayedThenInvalidDpopProof() throws Exception {
    String proof = client.make();
    assertThat(send("DPoP", token, proof).passed()).isTrue();

    assertRefused(send("DPoP", token, proof), "The DPoP proof was already used");
  }

  @Test
  void doFilterWhenProofForAnotherUriThenInvalidDpopProof() throws Exception {
    assertRefused(
        send("DPoP", token, client.uri("https://api.example/api/other").make()),
        "The DPoP proof is for another URI");
    assertRefused(
        send("DPoP", token, client.uri(URI + "?page=2").make()),
        "The DPoP proof is for another URI");
    assertRefused(
        send("DPoP", token, client.uri("http://api.example/api/orders").make()),
        "The DPoP proof is for another URI");
  }

  @Test
  void doFilterWhenHtuDiffersOnlyByNormalizationThenAccepted() throws Exception {
    String proof = client.uri("HTTPS://API.example:443/api/./x/../%6Frders").make();

    assertThat(send("DPoP", token, proof).passed()).isTrue();
  }

  @Test
  void doFilterWhenProofForAnotherMethodThenInvalidDpopProof() throws Exception {
    assertRefused(
        send("DPoP", token, client.method("POST").make()), "The DPoP proof is for another method");
  }

  @Test
  void doFilterWhenProofOlderThanTheLifetimeThenInvalidDpopProof() throws Exception {
    String proof = client.make();
    time.advance(Duration.ofSeconds(61));

    assertRefused(send("DPoP", token, proof), "The DPoP proof is not fresh");
  }

  @Test
  void doFilterWhenProofFromTheFutureBeyondSkewThenInvalidDpopProof() throws Exception {
    String proof = client.issued(time.instant().plusSeconds(6)).make();

    assertRefused(send("DPoP", token, proof), "The DPoP proof is not fresh");
  }

  @Test
  void doFilterWhenProofWithinLifetimeThenAccepted() throws Exception {
    String proof = client.make();
    time.advance(Duration.ofSeconds(60));

    assertThat(send("DPoP", token, proof).passed()).isTrue();
  }

  @Test
  void doFilterWhenProofByAnotherKeyThenInvalidDpopProof() throws Exception {
    DpopProofMaker thief = DpopProofMaker.es256().token(token).uri(URI).issued(time.instant());

    assertRefused(
        send("DPoP", token, thief.make()),
        "The DPoP proof key is not the key the access token is bound to");
  }

  @Test
  void doFilterWhenHeaderKeyIsNotTheSigningKeyThenInvalidDpopProof() throws Exception {
    DpopProofMaker thief = DpopProofMaker.es256().token(token).uri(URI).issued(time.instant());
    thief.headerKey(client.key().toPublicJWK());

    assertRefused(send("DPoP", token, thief.make()), "The DPoP proof signature is invalid");
  }

  @Test
  void doFilterWhenAthIsAnotherTokensThenInvalidDpopProof() throws Exception {
    String proof = client.ath(DpopProofMaker.hashOf("another")).make();

    assertRefused(send("DPoP", token, proof), "The DPoP proof is for another access token");
  }

  @Test
  void doFilterWhenTypeIsNotDpopJwtThenInvalidDpopProof() throws Exception {
    assertRefused(send("DPoP", token, client.type("JWT").make()), "The DPoP proof is malformed");
  }

  @Test
  void doFilterWhenAlgorithmNotAllowedThenInvalidDpopProof() throws Exception {
    filter = start("dpop.enabled", "true", "dpop.algorithms", "RS256");
    Exchange e = send("DPoP", token, client.make());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "DPoP realm=\"api\", error=\"invalid_dpop_proof\", error_description=\"The DPoP proof"
                + " algorithm is not accepted\", algs=\"RS256\"");
  }

  @Test
  void doFilterWhenProofIsNotAJwsThenInvalidDpopProof() {
    assertRefused(send("DPoP", token, "a.b"), "The DPoP proof is malformed");
    assertRefused(send("DPoP", token, "x".repeat(5000)), "The DPoP proof is malformed");
  }

  @Test
  void doFilterWhenRsaProofsThenAccepted() throws Exception {
    for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256)) {
      DpopProofMaker rsa = DpopProofMaker.rsa(alg);
      String bound = "dpop." + rsa.thumbprint();
      String proof = rsa.token(bound).uri(URI).issued(time.instant()).make();

      assertThat(send("DPoP", bound, proof).passed()).as(alg.getName()).isTrue();
    }
  }

  @Test
  void doFilterWhenBoundTokenSentAsBearerThenInvalidToken() throws Exception {
    Exchange e = send("Bearer", token, client.make());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token"
                + " is bound to a DPoP key and needs a DPoP proof\"");
  }

  @Test
  void doFilterWhenBoundTokenSentAsBearerAndDpopOffThenInvalidToken() throws Exception {
    filter = start();
    Exchange e = send("Bearer", token);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token"
                + " is bound to a DPoP key and needs a DPoP proof\"");
  }

  @Test
  void doFilterWhenUnboundTokenSentAsDpopThenInvalidToken() throws Exception {
    Exchange e = send("DPoP", "good", client.token("good").make());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(refused("invalid_token", "The access token is not bound to a DPoP key"));
  }

  @Test
  void doFilterWhenTokenInvalidUnderDpopThenDpopChallenge() throws Exception {
    Exchange e = send("DPoP", "unknown", client.token("unknown").make());

    assertThat(e.challenges()).containsExactly(refused("invalid_token", FakeBearerFactory.INVALID));
  }

  @Test
  void doFilterWhenRequiredAndBearerTokenThenInvalidToken() throws Exception {
    filter = start("dpop.enabled", "true", "dpop.required", "true");
    Exchange e = send("Bearer", "good");

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(refused("invalid_token", "The access token is not bound to a DPoP key"));
  }

  @Test
  void doFilterWhenBearerTokenAndDpopOnButNotRequiredThenPassed() {
    assertThat(send("Bearer", "good").passed()).isTrue();
  }
}
