package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the sample shows the platform on Payara Micro: RFC 9728 metadata, a setting taken from
 * MicroProfile Config, MicroProfile Health readiness per back end and MicroProfile Metrics.
 */
@ExtendWith(ArquillianExtension.class)
class ObservabilityIT {
  private static final AuthorizationServer SERVER = new AuthorizationServer();
  private static final String ISSUER = "http://localhost:" + System.getProperty("it.asPort");

  @ArquillianResource private URL deployment;
  private Http http;

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
  void client() {
    http = new Http(deployment);
  }

  @Test
  void metadataWhenRequestedThenRfc9728Document() throws Exception {
    HttpResponse<String> response = http.send("GET", "/.well-known/oauth-protected-resource");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.body())
        .isEqualTo(
            "{\"resource\":\"http://localhost:8080\",\"authorization_servers\":[\""
                + ISSUER
                + "/sample\"],\"scopes_supported\":[\"orders:read\",\"orders:write\"],"
                + "\"bearer_methods_supported\":[\"header\"],"
                + "\"dpop_signing_alg_values_supported\":[\"ES256\",\"ES384\",\"ES512\","
                + "\"PS256\",\"PS384\",\"PS512\",\"RS256\",\"EdDSA\"],"
                + "\"dpop_bound_access_tokens_required\":false,"
                + "\"resource_name\":\"Portcullis sample API\"}");
  }

  /** resourceMetadata is set nowhere but in the WAR's microprofile-config.properties. */
  @Test
  void challengeWhenNoCredentialsThenBearerCarriesMetadataFromMicroProfileConfig()
      throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/hello");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "ApiKey realm=\"api\"",
            "Bearer realm=\"api\", resource_metadata="
                + "\"http://localhost:8080/.well-known/oauth-protected-resource\"",
            "DPoP realm=\"api\", algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + ", resource_metadata="
                + "\"http://localhost:8080/.well-known/oauth-protected-resource\"");
  }

  /** Public health says UP or DOWN per back end and nothing else (issue 15 item 9). */
  @Test
  void readinessWhenAnonymousThenOnlyUpOrDownPerBackEnd() throws Exception {
    HttpResponse<String> response = http.send("GET", "/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    // the whole document, compared as JSON (member order is the server's)
    assertThat(JsonUtil.parseJson(response.body()))
        .as(response.body())
        .isEqualTo(
            Map.of(
                "status",
                "UP",
                "checks",
                List.of(
                    Map.of(
                        "name",
                        "portcullis",
                        "status",
                        "UP",
                        "data",
                        Map.of(
                            "portcullis apiKey", "UP",
                            "portcullis introspection", "UP",
                            "portcullis jwt", "UP",
                            "portcullis-bound jwt", "UP")))));
    assertThat(response.body()).doesNotContain("http", "localhost", "error", "keys", "lastFetch");
  }

  @Test
  void metricsWhenRequestRefusedThenDecisionCountedPerMechanismAndReason() throws Exception {
    assertThat(http.send("GET", "/api/hello", "X-API-Key", "not-a-key").statusCode())
        .isEqualTo(401);

    HttpResponse<String> metrics = http.send("GET", "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body().lines())
        .anyMatch(
            l ->
                l.startsWith("portcullis_decisions_total{")
                    && l.contains("filter=\"portcullis\"")
                    && l.contains("mechanism=\"apiKey\"")
                    && l.contains("outcome=\"refused\"")
                    && l.contains("reason=\"invalid_key\""))
        .anyMatch(l -> l.startsWith("portcullis_cache_misses") && l.contains("cache=\"apiKey\""))
        .anyMatch(l -> l.startsWith("portcullis_jwks_ageSeconds") && l.contains("issuer="));
  }
}
