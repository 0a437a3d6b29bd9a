package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Authenticator;
import dev.portcullis.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configuration errors stop deployment, naming the key and the value, never a secret. */
class JwtConfigTest {
  private static final String SECRET_31 = "0123456789abcdef0123456789abcde";
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String failure(Map<String, String> settings) {
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> f.authenticator(settings).close());
    assertThat(t).isInstanceOf(ConfigurationException.class);
    return t.getMessage();
  }

  private Map<String, String> with(String key, String value) {
    Map<String, String> c = new LinkedHashMap<>(f.config);
    c.put(key, value);
    return c;
  }

  @Test
  void createWhenAlgorithmNoneThenRefused() {
    assertThat(failure(with("algorithms", "RS256,none")))
        .contains("[none]")
        .contains("jwt.algorithms");
  }

  @Test
  void createWhenHmacSecretShorterThanHashThenRefusedWithoutEchoingIt() {
    Map<String, String> c = with("algorithms", "HS256");
    c.remove("jwksUri");
    c.put("sharedSecret", SECRET_31);
    String message = failure(c);
    assertThat(message).contains("jwt.sharedSecret").contains("32 bytes").doesNotContain(SECRET_31);
    c.put("algorithms", "HS512");
    c.put("sharedSecret", SECRET_31 + "f");
    assertThat(failure(c)).contains("64 bytes");
  }

  @Test
  void createWhenHmacWithoutSecretThenRefused() {
    assertThat(failure(with("algorithms", "HS256"))).contains("jwt.sharedSecret");
  }

  @Test
  void createWhenHmacSecretLongEnoughThenHs256TokensVerify() throws Exception {
    Map<String, String> c = with("algorithms", "HS256");
    c.remove("jwksUri");
    c.put("sharedSecret", SECRET_31 + "f");
    try (Authenticator a = f.authenticator(c)) {
      String token =
          Fixture.sign(
              org.jose4j.json.JsonUtil.toJson(Fixture.header("HS256", null)),
              org.jose4j.json.JsonUtil.toJson(f.claims()),
              "HS256",
              (SECRET_31 + "f").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(Fixture.authenticate(a, token))
          .isInstanceOf(dev.portcullis.AuthResult.Authenticated.class);
    }
  }

  @Test
  void createWhenUnknownKeyThenRefused() {
    assertThatThrownBy(() -> f.authenticator(with("audiences", "api")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[jwt.audiences]");
  }

  @Test
  void createWhenSingleIssuerKeysBesideIssuersListThenRefused() {
    Map<String, String> c = with("issuers", "a");
    c.put("a.issuer", Fixture.ISSUER);
    c.put("a.audience", "api");
    assertThatThrownBy(() -> f.authenticator(c))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Unknown setting [jwt.");
  }

  @Test
  void createWhenAudienceMissingThenRefused() {
    Map<String, String> c = new LinkedHashMap<>(f.config);
    c.remove("audience");
    assertThat(failure(c)).contains("jwt.audience");
  }

  @Test
  void createWhenJwksUriPlainHttpToRemoteHostThenRefused() {
    assertThat(failure(with("jwksUri", "http://idp.example/jwks")))
        .contains("[http://idp.example/jwks]")
        .contains("jwt.jwksUri");
  }

  @Test
  void createWhenIssuerNotHttpsAndDiscoveryNeededThenRefused() {
    Map<String, String> c = with("issuer", "http://idp.example");
    c.remove("jwksUri");
    assertThat(failure(c)).contains("[http://idp.example]").contains("jwt.issuer");
  }

  @Test
  void createWhenJwksMaxWaitingOutOfRangeThenRefused() {
    assertThat(failure(with("jwksMaxWaiting", "-1")))
        .contains("[-1]")
        .contains("jwt.jwksMaxWaiting");
    assertThat(failure(with("jwksMaxWaiting", "many")))
        .contains("[many]")
        .contains("jwt.jwksMaxWaiting");
  }

  @Test
  void createWhenOpaqueTokensModeUnknownThenRefused() {
    assertThat(failure(with("opaqueTokens", "ignore")))
        .contains("[ignore]")
        .contains("jwt.opaqueTokens");
  }

  @Test
  void createWhenTwoIssuersShareIssuerValueThenRefused() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("issuers", "a,b");
    for (String n : new String[] {"a", "b"}) {
      c.put(n + ".issuer", Fixture.ISSUER);
      c.put(n + ".audience", "api");
    }
    assertThat(failure(c)).contains("jwt.b.issuer").contains("configured twice");
  }

  @Test
  void createWhenDurationsOrLimitsMalformedThenRefused() {
    assertThat(failure(with("clockSkew", "soon"))).contains("jwt.clockSkew");
    assertThat(failure(with("jwksMinTtl", "2d"))).contains("jwt.jwksMinTtl");
    assertThat(failure(with("maxTokenLength", "10"))).contains("jwt.maxTokenLength");
    assertThat(failure(with("claimValues", "tenant"))).contains("jwt.claimValues");
    assertThat(failure(with("types", "at jwt"))).contains("[at jwt]").contains("jwt.types");
  }
}
