package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.b64;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "JWT path", algorithms. */
class JwtAlgorithmTest {
  private Fixture f;
  private Authenticator jwt;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    jwt = f.authenticator();
  }

  @AfterEach
  void stop() {
    jwt.close();
    f.close();
  }

  private String payload() {
    return JsonUtil.toJson(f.claims());
  }

  private String unsigned(String alg) {
    return b64("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"}") + "." + b64(payload()) + ".";
  }

  private String withHeader(Map<String, Object> header, String alg, Object key) {
    return sign(JsonUtil.toJson(header), payload(), alg, key);
  }

  private String es256(byte[] signature) {
    String input = b64(JsonUtil.toJson(header("ES256", "e1"))) + "." + b64(payload());
    return input + "." + b64(signature);
  }

  @Test
  void authenticateWhenAlgNoneThenInvalidToken() throws Exception {
    assertThat(authenticate(jwt, unsigned("none"))).isEqualTo(REJECTED);
    assertThat(authenticate(jwt, unsigned("NONE"))).isEqualTo(REJECTED);
    assertThat(authenticate(jwt, unsigned("None"))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenAlgNoneWithSignatureThenInvalidToken() throws Exception {
    String sig = f.token().split("\\.")[2];
    assertThat(authenticate(jwt, unsigned("none") + sig)).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenHs256SignedWithRsaPublicKeyThenInvalidToken() throws Exception {
    byte[] der = f.rsa.getPublic().getEncoded();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PUBLIC KEY-----\n";
    String jwk = JsonUtil.toJson(Fixture.rsaJwk(f.rsa, "k1", "RS256"));
    for (byte[] secret :
        new byte[][] {
          pem.getBytes(StandardCharsets.US_ASCII), der, jwk.getBytes(StandardCharsets.UTF_8)
        }) {
      assertThat(authenticate(jwt, withHeader(header("HS256", "k1"), "HS256", secret)))
          .isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenHs256AllowedAndSignedWithRsaPublicKeyThenInvalidToken() throws Exception {
    f.config.put("algorithms", "RS256,HS256");
    f.config.put("sharedSecret", "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t");
    byte[] der = f.rsa.getPublic().getEncoded();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(der)
            + "\n-----END PUBLIC KEY-----\n";
    try (Authenticator a = f.authenticator()) {
      for (byte[] secret : new byte[][] {pem.getBytes(StandardCharsets.US_ASCII), der}) {
        assertThat(authenticate(a, withHeader(header("HS256", "k1"), "HS256", secret)))
            .isEqualTo(REJECTED);
      }
      assertThat(authenticate(a, f.token())).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenAlgorithmNotAllowedThenInvalidToken() throws Exception {
    Map<String, Object> h = header("PS256", "k1");
    assertThat(authenticate(jwt, withHeader(h, "PS256", f.rsa.getPrivate()))).isEqualTo(REJECTED);
    assertThat(authenticate(jwt, withHeader(header("RS384", "k1"), "RS384", f.rsa.getPrivate())))
        .isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenAlgMissingNonStringOrArrayThenInvalidToken() throws Exception {
    for (String header :
        new String[] {
          "{\"typ\":\"at+jwt\",\"kid\":\"k1\"}",
          "{\"alg\":256,\"typ\":\"at+jwt\",\"kid\":\"k1\"}",
          "{\"alg\":[\"RS256\"],\"typ\":\"at+jwt\",\"kid\":\"k1\"}",
          "{\"alg\":null,\"typ\":\"at+jwt\",\"kid\":\"k1\"}"
        }) {
      assertThat(authenticate(jwt, sign(header, payload(), "RS256", f.rsa.getPrivate())))
          .as(header)
          .isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenJwkAlgDiffersFromHeaderThenInvalidToken() throws Exception {
    f.config.put("algorithms", "RS256,PS256");
    f.config.put("keyAlgorithms", "RS256");
    try (Authenticator a = f.authenticator()) {
      String ps = withHeader(header("PS256", "k1"), "PS256", f.rsa.getPrivate());
      assertThat(authenticate(a, ps)).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenEs256ValidThenAuthenticated() throws Exception {
    String token = withHeader(header("ES256", "e1"), "ES256", f.ec.getPrivate());
    assertThat(authenticate(jwt, token)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenEdDsaValidThenAuthenticated() throws Exception {
    KeyPair ed = Fixture.generate("Ed25519", 255);
    PublicJsonWebKey jwk = new OctetKeyPairJsonWebKey(ed.getPublic());
    jwk.setKeyId("d1");
    f.server.serve("/jwks", "{\"keys\":[" + jwk.toJson() + "]}");
    f.config.put("algorithms", "EdDSA");
    try (Authenticator a = f.authenticator()) {
      String token = withHeader(header("EdDSA", "d1"), "EdDSA", ed.getPrivate());
      assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenEcdsaSignatureAllZerosThenInvalidToken() throws Exception {
    assertThat(authenticate(jwt, es256(new byte[64]))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenEcdsaROrSAtLeastOrderThenInvalidToken() throws Exception {
    BigInteger n = ((ECPublicKey) f.ec.getPublic()).getParams().getOrder();
    byte[] good =
        Base64.getUrlDecoder()
            .decode(withHeader(header("ES256", "e1"), "ES256", f.ec.getPrivate()).split("\\.")[2]);
    byte[] nBytes = unsigned32(n);
    byte[] rIsN = good.clone();
    System.arraycopy(nBytes, 0, rIsN, 0, 32);
    byte[] sIsN = good.clone();
    System.arraycopy(nBytes, 0, sIsN, 32, 32);
    byte[] sPlusN = good.clone();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(good, 32, 64)).add(n);
    if (s.bitLength() <= 256) {
      System.arraycopy(unsigned32(s), 0, sPlusN, 32, 32);
      assertThat(authenticate(jwt, es256(sPlusN))).isEqualTo(REJECTED);
    }
    assertThat(authenticate(jwt, es256(rIsN))).isEqualTo(REJECTED);
    assertThat(authenticate(jwt, es256(sIsN))).isEqualTo(REJECTED);
  }

  private static byte[] unsigned32(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[32];
    System.arraycopy(
        raw,
        Math.max(0, raw.length - 32),
        out,
        Math.max(0, 32 - raw.length),
        Math.min(32, raw.length));
    return out;
  }

  @Test
  void authenticateWhenEcdsaSignatureDerEncodedOrWrongLengthThenInvalidToken() throws Exception {
    String input = b64(JsonUtil.toJson(header("ES256", "e1"))) + "." + b64(payload());
    Signature der = Signature.getInstance("SHA256withECDSA");
    der.initSign(f.ec.getPrivate());
    der.update(input.getBytes(StandardCharsets.US_ASCII));
    assertThat(authenticate(jwt, input + "." + b64(der.sign()))).isEqualTo(REJECTED);
    byte[] good =
        Base64.getUrlDecoder()
            .decode(withHeader(header("ES256", "e1"), "ES256", f.ec.getPrivate()).split("\\.")[2]);
    assertThat(authenticate(jwt, es256(Arrays.copyOf(good, 63)))).isEqualTo(REJECTED);
    assertThat(authenticate(jwt, es256(Arrays.copyOf(good, 65)))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenRsaSignatureManipulatedThenInvalidToken() throws Exception {
    String[] parts = f.token().split("\\.");
    byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
    byte[] flipped = sig.clone();
    flipped[100] ^= 1;
    byte[] longer = Arrays.copyOf(sig, sig.length + 1);
    byte[] shorter = Arrays.copyOf(sig, sig.length - 1);
    byte[] zeros = new byte[sig.length];
    byte[] one = new byte[sig.length];
    one[sig.length - 1] = 1;
    for (byte[] bad : new byte[][] {flipped, longer, shorter, zeros, one}) {
      assertThat(authenticate(jwt, parts[0] + "." + parts[1] + "." + b64(bad))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenSignedByAnotherKeyWithKnownKidThenInvalidToken() throws Exception {
    KeyPair other = Fixture.generate("RSA", 2048);
    assertThat(authenticate(jwt, withHeader(header("RS256", "k1"), "RS256", other.getPrivate())))
        .isEqualTo(REJECTED);
  }
}
