package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.DpopProofMaker;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server nonces (RFC 9449 §9) shared by two filters with one secret, as two nodes would; the
 * forwarded scheme and host of a trusted proxy.
 */
class DpopNonceTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String USE_NONCE =
      "DPoP realm=\"api\", error=\"use_dpop_nonce\", error_description=\"The resource server"
          + " requires a DPoP nonce\", algs=\"ES256\"";

  private final FakeTime time = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
  private DpopProofMaker client;
  private String token;

  @BeforeEach
  void setUp() throws Exception {
    client = DpopProofMaker.es256();
    token = "dpop." + client.thumbprint();
    client.token(token).uri("https://api.example/api/orders").issued(time.instant());
  }

  private AuthenticationFilter node(String... extra) throws Exception {
    String[] base = {
      "mechanisms",
      FakeBearerFactory.NAME,
      "dpop.enabled",
      "true",
      "dpop.algorithms",
      "ES256",
      "dpop.nonceSecret",
      SECRET
    };
    String[] params = new String[base.length + extra.length];
    System.arraycopy(base, 0, params, 0, base.length);
    System.arraycopy(extra, 0, params, base.length, extra.length);
    return Exchange.start(AuthenticationFilter.builder().time(time, time).build(), params);
  }

  private Exchange send(AuthenticationFilter filter, FakeRequest request, String proof) {
    return Exchange.run(
        filter, request.header("Authorization", "DPoP " + token).header("DPoP", proof));
  }

  private static FakeRequest direct() {
    return FakeRequest.get("/api/orders").secure(true).host("api.example", 443);
  }

  @Test
  void doFilterWhenNonceMissingThenUseDpopNonceWithANonce() throws Exception {
    Exchange e = send(node(), direct(), client.make());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(USE_NONCE);
    assertThat(e.header("DPoP-Nonce")).matches("[A-Za-z0-9_-]{32}");
  }

  @Test
  void doFilterWhenNonceFromAnotherNodeThenAccepted() throws Exception {
    String nonce = send(node(), direct(), client.make()).header("DPoP-Nonce");

    assertThat(send(node(), direct(), client.nonce(nonce).make()).passed()).isTrue();
  }

  @Test
  void doFilterWhenNonceRotatedOutThenUseDpopNonceWithANewOne() throws Exception {
    AuthenticationFilter filter = node();
    String nonce = send(filter, direct(), client.make()).header("DPoP-Nonce");
    time.advance(Duration.ofMinutes(5));
    assertThat(send(filter, direct(), client.nonce(nonce).issued(time.instant()).make()).passed())
        .isTrue();
    time.advance(Duration.ofMinutes(5));

    Exchange e = send(filter, direct(), client.nonce(nonce).issued(time.instant()).make());
    assertThat(e.challenges()).containsExactly(USE_NONCE);
    assertThat(e.header("DPoP-Nonce")).isNotEqualTo(nonce);
  }

  @Test
  void doFilterWhenNonceForgedThenUseDpopNonce() throws Exception {
    String forged = "A".repeat(32);

    assertThat(send(node(), direct(), client.nonce(forged).make()).challenges())
        .containsExactly(USE_NONCE);
  }

  @Test
  void doFilterWhenTrustedProxyForwardsSchemeAndHostThenHtuIsThePublicUri() throws Exception {
    AuthenticationFilter filter = node("dpop.trustedProxies", "10.0.0.0/8");
    String nonce = send(filter, direct(), client.make()).header("DPoP-Nonce");
    FakeRequest behindProxy =
        FakeRequest.get("/api/orders")
            .host("backend", 8080)
            .remoteAddr("10.1.2.3")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "api.example");

    assertThat(send(filter, behindProxy, client.nonce(nonce).make()).passed()).isTrue();
  }

  @Test
  void doFilterWhenUntrustedPeerForwardsSchemeAndHostThenHtuMismatch() throws Exception {
    AuthenticationFilter filter = node("dpop.trustedProxies", "10.0.0.0/8");
    String nonce = send(filter, direct(), client.make()).header("DPoP-Nonce");
    FakeRequest spoofed =
        FakeRequest.get("/api/orders")
            .host("backend", 8080)
            .remoteAddr("192.0.2.9")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "api.example");

    assertThat(send(filter, spoofed, client.nonce(nonce).make()).challenges())
        .containsExactly(
            "DPoP realm=\"api\", error=\"invalid_dpop_proof\", error_description=\"The DPoP proof"
                + " is for another URI\", algs=\"ES256\"");
  }
}
