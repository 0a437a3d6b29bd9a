package dev.portcullis.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Key;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 16 items 1 and 3 at the verifier itself: every algorithm against every kind of key. Only
 * the key the algorithm is defined for yields a signature length; every other key (another key
 * type, and for ECDSA another curve, as a P-384 key under ES256) verifies nothing, whichever way it
 * reached the verifier (a JWKS, a DPoP proof's header).
 */
class SignatureKeysTest {
  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KEYS.put("RSA", rsa.generateKeyPair().getPublic());
    for (String curve : new String[] {"256", "384", "521"}) {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp" + curve + "r1"));
      KEYS.put("P-" + curve, ec.generateKeyPair().getPublic());
    }
    for (String curve : new String[] {"Ed25519", "Ed448", "X25519"}) {
      KEYS.put(curve, KeyPairGenerator.getInstance(curve).generateKeyPair().getPublic());
    }
    KEYS.put("oct", new SecretKeySpec(new byte[64], "HmacSHA512"));
  }

  /** The one key kind of each algorithm and its signature length; every other kind: -1. */
  private static Map<String, Integer> fitting(SigningAlgorithm algorithm) {
    return switch (algorithm) {
      case RS256, RS384, RS512, PS256, PS384, PS512 -> Map.of("RSA", 256);
      case ES256 -> Map.of("P-256", 64);
      case ES384 -> Map.of("P-384", 96);
      case ES512 -> Map.of("P-521", 132);
      case EdDSA -> Map.of("Ed25519", 64, "Ed448", 114);
      case HS256 -> Map.of("oct", 32);
      case HS384 -> Map.of("oct", 48);
      case HS512 -> Map.of("oct", 64);
    };
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void lengthWhenKeyOfAnotherTypeOrCurveThenNoLengthAtAll(SigningAlgorithm algorithm) {
    Map<String, Integer> fitting = fitting(algorithm);
    for (Map.Entry<String, Key> key : KEYS.entrySet()) {
      assertThat(Signatures.length(algorithm, key.getValue()))
          .as("%s with a %s key", algorithm, key.getKey())
          .isEqualTo(fitting.getOrDefault(key.getKey(), -1));
    }
  }
}
