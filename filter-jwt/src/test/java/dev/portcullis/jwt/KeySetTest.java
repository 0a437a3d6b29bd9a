package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.jose.MalformedJson;
import dev.portcullis.jose.SigningAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "JWT path": JWKS keys that must never be used. */
class KeySetTest {
  private final KeyPair rsa = Fixture.rsa();
  private final KeyPair ec = Fixture.ec();

  private static KeySet parse(Object... keys) throws Exception {
    return KeySet.parse(
        Fixture.jwks(keys).getBytes(StandardCharsets.UTF_8), 50, Set.of(SigningAlgorithm.RS256));
  }

  private Map<String, Object> rsaKey(String kid) {
    return Fixture.rsaJwk(rsa, kid, "RS256");
  }

  private static Map<String, Object> with(Map<String, Object> key, String name, Object value) {
    Map<String, Object> k = new LinkedHashMap<>(key);
    k.put(name, value);
    return k;
  }

  @Test
  void parseWhenKeysWellFormedThenUsable() throws Exception {
    KeySet set = parse(rsaKey("k1"), Fixture.ecJwk(ec, "e1", "ES256"));
    assertThat(set.find("k1", SigningAlgorithm.RS256)).hasSize(1);
    assertThat(set.find("e1", SigningAlgorithm.ES256)).hasSize(1);
    assertThat(set.find("e1", SigningAlgorithm.ES384)).isEmpty();
    assertThat(set.find("k1", SigningAlgorithm.PS256)).isEmpty();
  }

  @Test
  void parseWhenRsaKeyUnder2048BitsThenIgnored() throws Exception {
    KeyPair small = Fixture.generate("RSA", 1024);
    assertThat(parse(Fixture.rsaJwk(small, "s", "RS256")).keys()).isEmpty();
  }

  @Test
  void parseWhenRsaExponentOneThenIgnored() throws Exception {
    String one =
        Base64.getUrlEncoder().withoutPadding().encodeToString(BigInteger.ONE.toByteArray());
    assertThat(parse(with(rsaKey("k1"), "e", one)).keys()).isEmpty();
  }

  @Test
  void parseWhenKidDuplicatedThenNeitherKeyUsed() throws Exception {
    KeySet set =
        parse(
            rsaKey("k1"),
            Fixture.rsaJwk(Fixture.generate("RSA", 2048), "k1", "RS256"),
            rsaKey("k2"));
    assertThat(set.find("k1", SigningAlgorithm.RS256)).isEmpty();
    assertThat(set.find("k2", SigningAlgorithm.RS256)).hasSize(1);
  }

  @Test
  void parseWhenSymmetricOrPrivateKeysThenIgnored() throws Exception {
    Map<String, Object> oct =
        Map.of("kty", "oct", "kid", "o", "k", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA");
    RsaJsonWebKey priv = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) rsa.getPublic());
    priv.setPrivateKey(rsa.getPrivate());
    priv.setKeyId("p");
    Map<String, Object> privateParams =
        priv.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
    assertThat(parse(oct, privateParams).keys()).isEmpty();
  }

  @Test
  void parseWhenUseEncOrKeyOpsWithoutVerifyThenIgnored() throws Exception {
    assertThat(parse(with(rsaKey("a"), "use", "enc")).keys()).isEmpty();
    assertThat(parse(with(rsaKey("b"), "key_ops", List.of("encrypt"))).keys()).isEmpty();
    assertThat(parse(with(rsaKey("c"), "key_ops", "verify")).keys()).isEmpty();
    assertThat(parse(with(rsaKey("d"), "key_ops", List.of("verify"))).keys()).hasSize(1);
  }

  @Test
  void parseWhenEcPointOffCurveThenIgnored() throws Exception {
    Map<String, Object> key = Fixture.ecJwk(ec, "e1", "ES256");
    byte[] y = Base64.getUrlDecoder().decode((String) key.get("y"));
    y[y.length - 1] ^= 1;
    assertThat(
            parse(with(key, "y", Base64.getUrlEncoder().withoutPadding().encodeToString(y))).keys())
        .isEmpty();
  }

  @Test
  void parseWhenKidNotAStringThenIgnored() throws Exception {
    assertThat(parse(with(rsaKey("k1"), "kid", 7)).keys()).isEmpty();
  }

  @Test
  void parseWhenTooManyKeysOrNoKeysArrayThenMalformed() {
    Object[] many = new Object[51];
    for (int i = 0; i < many.length; i++) {
      many[i] = rsaKey("k" + i);
    }
    assertThatThrownBy(() -> parse(many)).isInstanceOf(MalformedJson.class);
    assertThatThrownBy(
            () -> KeySet.parse("{\"keys\":{}}".getBytes(StandardCharsets.UTF_8), 50, Set.of()))
        .isInstanceOf(MalformedJson.class);
  }

  @Test
  void findWhenNoKidAndSeveralFittingKeysThenNone() throws Exception {
    KeySet set = parse(rsaKey(null), Fixture.rsaJwk(Fixture.generate("RSA", 2048), null, "RS256"));
    assertThat(set.find(null, SigningAlgorithm.RS256)).isEmpty();
    assertThat(parse(rsaKey(null)).find(null, SigningAlgorithm.RS256)).hasSize(1);
  }
}
