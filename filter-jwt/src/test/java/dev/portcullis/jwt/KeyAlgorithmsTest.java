package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.config.ConfigurationException;
import java.security.KeyPair;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 16 item 3, RFC 8725 §3.1: a JWKS key without alg verifies exactly one algorithm. */
class KeyAlgorithmsTest {
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    f.server.serve(
        "/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", null), Fixture.ecJwk(f.ec, "e1", null)));
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String token(String alg, String kid, KeyPair pair) {
    return sign(
        JsonUtil.toJson(header(alg, kid)), JsonUtil.toJson(f.claims()), alg, pair.getPrivate());
  }

  private String failure() {
    return assertThatThrownBy(() -> f.authenticator().close())
        .isInstanceOf(ConfigurationException.class)
        .actual()
        .getMessage();
  }

  @Test
  void authenticateWhenDefaultAlgorithmsAndRsaKeyWithoutAlgThenOnlyRs256Verifies()
      throws Exception {
    f.config.remove("algorithms");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("RS256", "k1", f.rsa)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("PS256", "k1", f.rsa))).isEqualTo(REJECTED);
      assertThat(authenticate(a, token("ES256", "e1", f.ec)))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void createWhenSeveralRsaAlgorithmsAndNoKeyAlgorithmThenRefusedAskingForIt() {
    f.config.put("algorithms", "RS256,PS256,ES256");
    assertThat(failure())
        .isEqualTo(
            "Invalid value [RS256,PS256,ES256] for setting jwt.algorithms: several algorithms"
                + " [RS256, PS256] fit RSA keys; set jwt.keyAlgorithms to the one a JWKS key"
                + " without alg verifies (RFC 8725 §3.1)");
  }

  @Test
  void authenticateWhenKeyAlgorithmPs256ThenAlgLessRsaKeyVerifiesPs256Only() throws Exception {
    f.config.put("algorithms", "RS256,PS256,ES256");
    f.config.put("keyAlgorithms", "PS256");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("PS256", "k1", f.rsa)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("RS256", "k1", f.rsa))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenKeyNamesItsAlgThenThatAlgorithmOnlyWhateverKeyAlgorithms() throws Exception {
    f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")));
    f.config.put("algorithms", "RS256,PS256");
    f.config.put("keyAlgorithms", "PS256");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("RS256", "k1", f.rsa)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("PS256", "k1", f.rsa))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenEcdsaAlgorithmsOfSeveralCurvesThenEachCurveBoundToItsOwn() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    f.server.serve(
        "/jwks", Fixture.jwks(Fixture.ecJwk(f.ec, "e1", null), Fixture.ecJwk(p384, "e2", null)));
    f.config.put("algorithms", "ES256,ES384");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("ES256", "e1", f.ec)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("ES384", "e2", p384)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("ES384", "e1", f.ec))).isEqualTo(REJECTED);
    }
  }

  @Test
  void createWhenKeyAlgorithmNotAllowedSymmetricUnknownOrDoubledThenRefused() {
    f.config.put("algorithms", "RS256,PS256");
    f.config.put("keyAlgorithms", "RS384");
    assertThat(failure())
        .isEqualTo(
            "Invalid value [RS384] for setting jwt.keyAlgorithms: not an asymmetric algorithm of"
                + " jwt.algorithms");
    f.config.put("algorithms", "RS256,HS256");
    f.config.put("sharedSecret", "0123456789abcdef0123456789abcdef");
    f.config.put("keyAlgorithms", "HS256");
    assertThat(failure()).contains("[HS256]", "jwt.keyAlgorithms");
    f.config.put("keyAlgorithms", "none");
    assertThat(failure()).contains("[none]", "jwt.keyAlgorithms");
    f.config.put("algorithms", "RS256,PS256");
    f.config.remove("sharedSecret");
    f.config.put("keyAlgorithms", "RS256,PS256");
    assertThat(failure())
        .isEqualTo(
            "Invalid value [PS256] for setting jwt.keyAlgorithms: a second algorithm for RSA keys");
  }

  @Test
  void createWhenSeveralHmacAlgorithmsShareTheSecretThenRefusedAskingForOne() {
    f.config.put("algorithms", "RS256,HS256,HS512");
    f.config.put("sharedSecret", "0123456789abcdef".repeat(4));
    assertThat(failure())
        .isEqualTo(
            "Invalid value [RS256,HS256,HS512] for setting jwt.algorithms: several HMAC algorithms"
                + " [HS256, HS512] would share the one jwt.sharedSecret; list one of them (RFC 8725"
                + " §3.1)");
  }

  private static Map<String, Object> okp(KeyPair pair, String kid, String alg) throws Exception {
    Map<String, Object> p =
        new LinkedHashMap<>(
            PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    p.put("kid", kid);
    if (alg != null) {
      p.put("alg", alg);
    }
    return p;
  }

  /**
   * EC and OKP keys without alg verify the one algorithm of their curve; a key whose alg is none,
   * another algorithm or one of another curve verifies nothing.
   */
  @Test
  void authenticateWhenEcOrOkpKeyWithoutAlgOrWithForeignAlgThenOnlyItsOwnAlgorithm()
      throws Exception {
    KeyPair ed25519 = Fixture.generate("Ed25519", 255);
    KeyPair ed448 = Fixture.generate("Ed448", 448);
    f.server.serve(
        "/jwks",
        Fixture.jwks(
            Fixture.ecJwk(f.ec, "e1", null),
            okp(ed25519, "ed1", null),
            okp(ed448, "ed2", null),
            okp(ed25519, "ed3", "none"),
            okp(ed25519, "ed4", "ES256"),
            Fixture.ecJwk(f.ec, "e2", "none"),
            Fixture.ecJwk(f.ec, "e3", "ES384"),
            Fixture.ecJwk(f.ec, "e4", "EdDSA")));
    f.config.put("algorithms", "ES256,ES384,EdDSA");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, token("ES256", "e1", f.ec)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("EdDSA", "ed1", ed25519)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(authenticate(a, token("EdDSA", "ed2", ed448)))
          .isInstanceOf(AuthResult.Authenticated.class);
      for (String kid : new String[] {"ed3", "ed4"}) {
        assertThat(authenticate(a, token("EdDSA", kid, ed25519))).as(kid).isEqualTo(REJECTED);
      }
      for (String kid : new String[] {"e2", "e3", "e4"}) {
        assertThat(authenticate(a, token("ES256", kid, f.ec))).as(kid).isEqualTo(REJECTED);
      }
    }
  }
}
