package dev.portcullis.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.jose.SigningAlgorithm;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proof's {@code jwk}: RFC 7638 thumbprints as Nimbus computes them, and every refusal. */
class ProofKeyTest {

  private static Map<String, Object> header(Map<String, Object> jwk) {
    return Map.of("jwk", jwk);
  }

  private static Map<String, Object> ecJwk() throws Exception {
    return new HashMap<>(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONObject());
  }

  @Test
  void ofWhenEcKeyThenNimbusThumbprint() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_384).generate();
    ProofKey parsed = ProofKey.of(header(key.toPublicJWK().toJSONObject()), SigningAlgorithm.ES384);

    assertThat(parsed.thumbprint()).isEqualTo(key.computeThumbprint().toString());
  }

  @Test
  void ofWhenRsaKeyThenNimbusThumbprint() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).generate();
    ProofKey parsed = ProofKey.of(header(key.toPublicJWK().toJSONObject()), SigningAlgorithm.PS256);

    assertThat(parsed.thumbprint()).isEqualTo(key.computeThumbprint().toString());
  }

  @Test
  void ofWhenEd25519KeyThenRfc8037Thumbprint() throws Exception {
    byte[] spki =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    String x =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    ProofKey parsed =
        ProofKey.of(header(Map.of("kty", "OKP", "crv", "Ed25519", "x", x)), SigningAlgorithm.EdDSA);

    String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
    assertThat(parsed.thumbprint())
        .isEqualTo(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes("UTF-8"))));
  }

  @Test
  void ofWhenPrivateMemberThenRefused() throws Exception {
    Map<String, Object> jwk =
        new HashMap<>(new ECKeyGenerator(Curve.P_256).generate().toJSONObject());

    assertThatThrownBy(() -> ProofKey.of(header(jwk), SigningAlgorithm.ES256))
        .isInstanceOf(ProofKey.Refused.class);
  }

  @Test
  void ofWhenPointOffTheCurveThenRefused() throws Exception {
    Map<String, Object> jwk = ecJwk();
    jwk.put("y", jwk.get("x"));

    assertThatThrownBy(() -> ProofKey.of(header(jwk), SigningAlgorithm.ES256))
        .isInstanceOf(ProofKey.Refused.class);
  }

  @Test
  void ofWhenCurveDoesNotSuitTheAlgorithmThenRefused() throws Exception {
    assertThatThrownBy(() -> ProofKey.of(header(ecJwk()), SigningAlgorithm.ES384))
        .isInstanceOf(ProofKey.Refused.class);
    assertThatThrownBy(() -> ProofKey.of(header(ecJwk()), SigningAlgorithm.RS256))
        .isInstanceOf(ProofKey.Refused.class);
  }

  @Test
  void ofWhenJwkNamesAnotherAlgorithmOrUseThenRefused() throws Exception {
    List<Map.Entry<String, Object>> members =
        List.of(
            Map.entry("alg", "ES384"), Map.entry("use", "enc"), Map.entry("key_ops", List.of("x")));
    for (Map.Entry<String, Object> member : members) {
      Map<String, Object> jwk = ecJwk();
      jwk.put(member.getKey(), member.getValue());
      assertThatThrownBy(() -> ProofKey.of(header(jwk), SigningAlgorithm.ES256))
          .as(member.getKey())
          .isInstanceOf(ProofKey.Refused.class);
    }
  }

  @Test
  void ofWhenRsaKeyWeakThenRefused() throws Exception {
    Map<String, Object> small =
        new HashMap<>(new RSAKeyGenerator(1024, true).generate().toPublicJWK().toJSONObject());
    Map<String, Object> evenExponent =
        new HashMap<>(new RSAKeyGenerator(2048).generate().toPublicJWK().toJSONObject());
    evenExponent.put("e", "AQAA");

    assertThatThrownBy(() -> ProofKey.of(header(small), SigningAlgorithm.RS256))
        .isInstanceOf(ProofKey.Refused.class);
    assertThatThrownBy(() -> ProofKey.of(header(evenExponent), SigningAlgorithm.RS256))
        .isInstanceOf(ProofKey.Refused.class);
  }

  @Test
  void ofWhenJwkMissingOrMalformedThenRefused() throws Exception {
    Map<String, Object> notString = ecJwk();
    notString.put("x", 5L);
    Map<String, Object> padded = ecJwk();
    padded.put("x", padded.get("x") + "=");

    assertThatThrownBy(() -> ProofKey.of(Map.of(), SigningAlgorithm.ES256))
        .isInstanceOf(ProofKey.Refused.class);
    assertThatThrownBy(() -> ProofKey.of(header(notString), SigningAlgorithm.ES256))
        .isInstanceOf(ProofKey.Refused.class);
    assertThatThrownBy(() -> ProofKey.of(header(padded), SigningAlgorithm.ES256))
        .isInstanceOf(ProofKey.Refused.class);
    assertThatThrownBy(
            () ->
                ProofKey.of(
                    header(Map.of("kty", "OKP", "crv", "X25519", "x", "AAAA")),
                    SigningAlgorithm.EdDSA))
        .isInstanceOf(ProofKey.Refused.class);
  }
}
