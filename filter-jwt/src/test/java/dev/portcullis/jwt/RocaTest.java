package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Readiness;
import dev.portcullis.jose.Roca;
import dev.portcullis.jose.SigningAlgorithm;
import dev.portcullis.testing.LogCapture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: RSA keys with the ROCA fingerprint (CVE-2017-15361) are refused when a key set
 * is read. The vulnerable modulus is test vector {@code mod03.txt} of the ROCA authors' detection
 * tool (github.com/crocs-muni/roca, {@code roca/tests/data}), a 2048-bit modulus from an affected
 * Infineon chip; {@code mod04.txt} of the same suite is a normal 2048-bit modulus.
 */
class RocaTest {
  static final BigInteger VULNERABLE =
      new BigInteger(
          "9dcd7420e420c270a68060eb8b5aa7457a9f6648f86fafed2775cc1f79ae962f1e63f1b9e51c55f9ea6fdc73"
              + "32e9b0058c9ff2eb1fc89855029cf6aafe21e689feb38ac9ffb12f1ce371bb5d0e9aae64161abce74b"
              + "4244bf68f1edb4411f756a097c8929c14740245ea355f8332d1aa36bb50c7dcb4505da8de02e4e53d3"
              + "8f8df06097da7524df0df93db48eac8cc4af2d3a16257eb2b2adca6ba464e5974fa92550d31b1babf1"
              + "61e7692d00b86e3dd886ecab4abfbe1a8f8cc263ff4af55cdb45f4249a5193925f5e983d762f0b6800"
              + "943eb0267b08f42ed311ce1f5c86eacbc8ce4d3cb7a2fee1ef5641423a1cf4114e5ecf50034a60a412"
              + "523af9e6f4aa11",
          16);
  private static final BigInteger NORMAL =
      new BigInteger(
          "af659676197f1db06da7ac111a0a0ec175b8b7ef07192ffcd1f6b854c327785f1a7fd3db7da45cd4a31b2b2e"
              + "5ce0d823a68e28c8adf1747316becce1fe5768064039ad2062260c8d1a34e0586dce9bc13090fcc9fb"
              + "8b8b2c08ed3ae8d61b29818a669689a7d9c1dab053b557fb8d3f9c44faad3e18c55e739b00d3c91265"
              + "58bc8e980cd2af377126ef5b1374136774b8bd370e3c1c149db395c8f99696b628b105946fea20106f"
              + "e24d103ac062661a9248e8c3f628e00b308d33953aabe555132e218e74ef4b578716b4fe7cf340e8e6"
              + "04a319bf6e9951e1942601d34291032db54999d09e5d036dde3544ad35256bbb97d5e3fffd38166c21"
              + "eae9199548853b",
          16);

  private static String b64(BigInteger v) {
    byte[] raw = v.toByteArray();
    int skip = raw[0] == 0 ? 1 : 0;
    byte[] unsigned = java.util.Arrays.copyOfRange(raw, skip, raw.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
  }

  static Map<String, Object> jwk(BigInteger modulus, String kid) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("kty", "RSA");
    k.put("kid", kid);
    k.put("alg", "RS256");
    k.put("use", "sig");
    k.put("n", b64(modulus));
    k.put("e", "AQAB");
    return k;
  }

  @Test
  void fingerprintedWhenRocaTestVectorThenTrue() {
    assertThat(VULNERABLE.bitLength()).isEqualTo(2048);
    assertThat(Roca.fingerprinted(VULNERABLE)).isTrue();
  }

  @Test
  void fingerprintedWhenNormalModuliThenFalse() {
    assertThat(Roca.fingerprinted(NORMAL)).isFalse();
    assertThat(Roca.fingerprinted(((RSAPublicKey) Fixture.rsa().getPublic()).getModulus()))
        .isFalse();
    for (int i = 0; i < 3; i++) {
      RSAPublicKey key = (RSAPublicKey) Fixture.generate("RSA", 2048).getPublic();
      assertThat(Roca.fingerprinted(key.getModulus())).isFalse();
    }
  }

  @Test
  void parseWhenRsaKeyHasRocaFingerprintThenUnusableAndNamed() throws Exception {
    byte[] json =
        Fixture.jwks(jwk(VULNERABLE, "roca-1"), jwk(NORMAL, "fine-1"))
            .getBytes(StandardCharsets.UTF_8);
    KeySet set = KeySet.parse(json, 50, Set.of(SigningAlgorithm.RS256));
    assertThat(set.find("roca-1", SigningAlgorithm.RS256)).isEmpty();
    assertThat(set.find("fine-1", SigningAlgorithm.RS256)).hasSize(1);
    assertThat(set.vulnerable()).containsExactly("roca-1");
  }

  @Test
  void readinessWhenKeySetHoldsRocaKeyThenReportedAndWarnedOncePerLoad() throws Exception {
    try (Fixture f = new Fixture();
        LogCapture log = LogCapture.start()) {
      f.server.serve(
          "/jwks", Fixture.jwks(jwk(VULNERABLE, "roca-1"), Fixture.rsaJwk(f.rsa, "k1", "RS256")));
      try (Authenticator a = f.authenticator()) {
        for (int i = 0; i < 3; i++) {
          Map<String, Object> claims = f.claims();
          claims.put("jti", "id-" + i);
          Fixture.authenticate(a, f.token(claims));
        }
        Readiness readiness = a.readiness().get(0);
        assertThat(readiness.up()).isTrue();
        assertThat(readiness.data()).containsEntry("refusedRocaKeys", "[roca-1]");
        assertThat(readiness.data()).containsEntry("keys", "1");
      }
      assertThat(log.messages(JwksSource.class.getName()))
          .containsExactly(
              "Key set of issuer https://issuer.example: RSA keys [roca-1] refused, their moduli"
                  + " carry the ROCA fingerprint (CVE-2017-15361)");
    }
  }

  @Test
  void refreshWhenRocaKeyStillPresentThenNotWarnedAgainButANewOneIs() throws Exception {
    try (Fixture f = new Fixture();
        LogCapture log = LogCapture.start()) {
      Map<String, Object> good = Fixture.rsaJwk(f.rsa, "k1", "RS256");
      f.server.serve("/jwks", Fixture.jwks(jwk(VULNERABLE, "roca-1"), good));
      String unknownKid =
          Fixture.sign(
              JsonUtil.toJson(Fixture.header("RS256", "unknown")),
              JsonUtil.toJson(f.claims()),
              "RS256",
              f.rsa.getPrivate());
      try (Authenticator a = f.authenticator()) {
        assertThat(Fixture.authenticate(a, f.token())).isInstanceOf(AuthResult.Authenticated.class);
        f.time.advance(Duration.ofMinutes(1)); // past the refresh cooldown
        assertThat(Fixture.authenticate(a, unknownKid)).isEqualTo(Fixture.REJECTED);
        f.server.serve(
            "/jwks", Fixture.jwks(jwk(VULNERABLE, "roca-1"), jwk(VULNERABLE, "roca-2"), good));
        f.time.advance(Duration.ofMinutes(1));
        assertThat(Fixture.authenticate(a, unknownKid)).isEqualTo(Fixture.REJECTED);

        assertThat(f.server.count("/jwks")).isEqualTo(3);
        assertThat(a.readiness().get(0).data())
            .containsEntry("refusedRocaKeys", "[roca-1, roca-2]");
      }
      assertThat(log.messages(JwksSource.class.getName()))
          .containsExactly(
              "Key set of issuer https://issuer.example: RSA keys [roca-1] refused, their moduli"
                  + " carry the ROCA fingerprint (CVE-2017-15361)",
              "Key set of issuer https://issuer.example: RSA keys [roca-2] refused, their moduli"
                  + " carry the ROCA fingerprint (CVE-2017-15361)");
    }
  }
}
