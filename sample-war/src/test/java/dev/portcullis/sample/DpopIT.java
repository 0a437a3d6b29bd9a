package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.DpopProofMaker;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DPoP (RFC 9449) on the packaged sample on Payara Micro: tokens bound to a key by {@code cnf.jkt}
 * from a real authorization server on loopback (JWTs it signs, and an introspection answer it
 * serves), proofs made by Nimbus JOSE. The sample's main filter has server nonces on
 * (arquillian.xml gives the secret), so every exchange starts with the nonce round trip.
 */
@ExtendWith(ArquillianExtension.class)
class DpopIT {
  private static final String METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";
  private static final String ALGS = "RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA";
  private static final AuthorizationServer SERVER = new AuthorizationServer();

  @ArquillianResource private URL deployment;
  private Http http;
  private DpopProofMaker client;
  private String token;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws IOException {
    new KeyFile().write();
    return SampleWar.imported("ROOT.war");
  }

  @BeforeAll
  static void startAuthorizationServer() {
    SERVER.start();
  }

  @AfterAll
  static void stopAuthorizationServer() {
    SERVER.stop();
  }

  @BeforeEach
  void client() throws Exception {
    http = new Http(deployment);
    client = DpopProofMaker.es256();
    token = SERVER.dpopJwt("alice", "orders:read", client.thumbprint());
    client.token(token).uri(uri("/api/me")).issued(Instant.now());
  }

  private String uri(String path) {
    return "http://" + deployment.getHost() + ":" + deployment.getPort() + path;
  }

  private HttpResponse<String> dpop(String method, String path, String tokenValue, String proof)
      throws Exception {
    return http.send(method, path, "Authorization", "DPoP " + tokenValue, "DPoP", proof);
  }

  /** The nonce round trip: a proof without a nonce is answered 401 use_dpop_nonce and a nonce. */
  private String nonce() throws Exception {
    HttpResponse<String> first = dpop("GET", "/api/me", token, client.make());
    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(first.headers().allValues("WWW-Authenticate"))
        .containsExactly(challenge("use_dpop_nonce", "The resource server requires a DPoP nonce"));
    return first.headers().firstValue("DPoP-Nonce").orElseThrow();
  }

  /** The DPoP challenge of the sample's main filter for {@code error}. */
  static String challenge(String error, String description) {
    return "DPoP realm=\"api\", error=\""
        + error
        + "\", error_description=\""
        + description
        + "\", algs=\""
        + ALGS
        + "\""
        + METADATA;
  }

  private void assertRefused(HttpResponse<String> response, String description) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly(challenge("invalid_dpop_proof", description));
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_dpop_proof\"}");
  }

  @Test
  void meWhenDpopBoundJwtWithProofThenIdentity() throws Exception {
    client.nonce(nonce());

    HttpResponse<String> response = dpop("GET", "/api/me", token, client.make());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"principal\":\"alice\",\"mechanism\":\"jwt\",\"authType\":\"DPoP\"");
    // the token's verdict is cached now; the next proof is checked all the same
    assertThat(dpop("GET", "/api/me", token, client.make()).statusCode()).isEqualTo(200);
    assertRefused(
        dpop("GET", "/api/me", token, client.uri(uri("/api/other")).make()),
        "The DPoP proof is for another URI");
  }

  @Test
  void ordersWhenDpopBoundJwtWithProofThenEveryProtectedPathAccepts() throws Exception {
    client.nonce(nonce()).uri(uri("/api/orders"));

    assertThat(dpop("GET", "/api/orders", token, client.make()).statusCode()).isEqualTo(200);
  }

  @Test
  void meWhenNoProofThenInvalidDpopProof() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/me", "Authorization", "DPoP " + token);

    assertRefused(response, "The request must carry exactly one DPoP proof");
  }

  @Test
  void meWhenProofReplayedThenInvalidDpopProof() throws Exception {
    String proof = client.nonce(nonce()).make();
    assertThat(dpop("GET", "/api/me", token, proof).statusCode()).isEqualTo(200);

    assertRefused(dpop("GET", "/api/me", token, proof), "The DPoP proof was already used");
  }

  @Test
  void meWhenProofNamesAnotherUriOrMethodThenInvalidDpopProof() throws Exception {
    client.nonce(nonce());

    assertRefused(
        dpop("GET", "/api/me", token, client.uri(uri("/api/orders")).make()),
        "The DPoP proof is for another URI");
    assertRefused(
        dpop("GET", "/api/me", token, client.uri(uri("/api/me")).method("POST").make()),
        "The DPoP proof is for another method");
  }

  @Test
  void meWhenProofIsStaleThenInvalidDpopProof() throws Exception {
    client.nonce(nonce()).issued(Instant.now().minusSeconds(120));

    assertRefused(dpop("GET", "/api/me", token, client.make()), "The DPoP proof is not fresh");
  }

  @Test
  void meWhenProofByAnotherKeyOrForAnotherTokenThenInvalidDpopProof() throws Exception {
    String nonce = nonce();
    DpopProofMaker thief =
        DpopProofMaker.es256().token(token).uri(uri("/api/me")).issued(Instant.now()).nonce(nonce);

    assertRefused(
        dpop("GET", "/api/me", token, thief.make()),
        "The DPoP proof key is not the key the access token is bound to");
    assertRefused(
        dpop("GET", "/api/me", token, client.nonce(nonce).ath(DpopProofMaker.hashOf("x")).make()),
        "The DPoP proof is for another access token");
  }

  @Test
  void meWhenDpopBoundTokenSentAsBearerThenInvalidToken() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/me", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token"
                + " is bound to a DPoP key and needs a DPoP proof\""
                + METADATA);
  }

  @Test
  void meWhenIntrospectedDpopBoundTokenWithProofThenIdentity() throws Exception {
    String nonce = nonce();
    String opaque = SERVER.introspectedToken("bob", "orders:read");
    SERVER.answerIntrospection(
        opaque,
        "{\"active\":true,\"sub\":\"bob\",\"scope\":\"orders:read\",\"client_id\":\"c\","
            + "\"aud\":\"portcullis-sample\",\"iss\":\""
            + SERVER.introspectedIssuer()
            + "\",\"exp\":"
            + Instant.now().plusSeconds(300).getEpochSecond()
            + ",\"token_type\":\"DPoP\",\"cnf\":{\"jkt\":\""
            + client.thumbprint()
            + "\"}}");
    client.token(opaque).nonce(nonce);

    HttpResponse<String> response = dpop("GET", "/api/me", opaque, client.make());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"principal\":\"bob\",\"mechanism\":\"introspection\",\"authType\":\"DPoP\"");
    HttpResponse<String> asBearer =
        http.send("GET", "/api/me", "Authorization", "Bearer " + opaque);
    assertThat(asBearer.statusCode()).isEqualTo(401);
    assertRefused(
        dpop(
            "GET",
            "/api/me",
            opaque,
            DpopProofMaker.es256()
                .token(opaque)
                .uri(uri("/api/me"))
                .issued(Instant.now())
                .nonce(nonce)
                .make()),
        "The DPoP proof key is not the key the access token is bound to");
  }
}
