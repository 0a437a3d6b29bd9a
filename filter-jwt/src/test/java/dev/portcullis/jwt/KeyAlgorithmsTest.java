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
import org.jose4j.json.JsonUtil;
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
}
