package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.INVALID;
import static dev.portcullis.jwt.Fixture.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.jose.SigningAlgorithm;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 item 1: one encoding per signature. For every algorithm and key type, a signature that
 * is one byte longer or shorter, carries a leading or trailing zero byte, is DER instead of r‖s, or
 * holds a zero or out-of-range r or s (RSA: a value not below the modulus; EdDSA: S not below the
 * group order L), is 401 invalid_token: never a second token string for the same grant.
 */
class SignatureEncodingTest {
  private static final String SECRET = "0123456789abcdef".repeat(4);
  private static final Map<String, KeyPair> PAIRS = new LinkedHashMap<>();
  private static Fixture f;
  private static AuthenticationFilter filter;
  private static final Map<String, AuthenticationFilter> HMAC_FILTERS = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    f = new Fixture();
    PAIRS.put("rsa", Fixture.rsa());
    PAIRS.put("P-256", Fixture.ec());
    PAIRS.put("P-384", ec("secp384r1"));
    PAIRS.put("P-521", ec("secp521r1"));
    PAIRS.put("Ed25519", Fixture.generate("Ed25519", 255));
    PAIRS.put("Ed448", Fixture.generate("Ed448", 448));
    List<Object> keys = new ArrayList<>();
    for (String alg : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")) {
      keys.add(jwk(PAIRS.get("rsa"), alg.toLowerCase(), alg));
    }
    keys.add(jwk(PAIRS.get("P-256"), "es256", "ES256"));
    keys.add(jwk(PAIRS.get("P-384"), "es384", "ES384"));
    keys.add(jwk(PAIRS.get("P-521"), "es512", "ES512"));
    keys.add(jwk(PAIRS.get("Ed25519"), "ed25519", "EdDSA"));
    keys.add(jwk(PAIRS.get("Ed448"), "ed448", "EdDSA"));
    f.server.serve("/jwks", Fixture.jwks(keys.toArray()));
    // one HMAC algorithm per shared secret (RFC 8725 §3.1): HS384 and HS512 get filters of their
    // own
    f.config.put("algorithms", String.join(",", List.of(names())).replace(",HS384,HS512", ""));
    f.config.put("keyAlgorithms", "RS256");
    f.config.put("sharedSecret", SECRET);
    filter = filter(f.config);
    for (String hmac : List.of("HS384", "HS512")) {
      Map<String, String> config = new LinkedHashMap<>(f.config);
      config.remove("jwksUri");
      config.remove("keyAlgorithms");
      config.put("algorithms", hmac);
      HMAC_FILTERS.put(hmac, filter(config));
    }
  }

  private static AuthenticationFilter filter(Map<String, String> config) throws Exception {
    AuthenticationFilterBuilder b =
        AuthenticationFilter.builder().mechanisms("jwt").time(f.time, f.time);
    config.forEach((k, v) -> b.set("jwt." + k, v));
    AuthenticationFilter built = b.build();
    built.init(new FakeFilterConfig());
    return built;
  }

  @AfterAll
  static void stop() {
    filter.destroy();
    HMAC_FILTERS.values().forEach(AuthenticationFilter::destroy);
    f.close();
  }

  private static String[] names() {
    return Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toArray(String[]::new);
  }

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static Map<String, Object> jwk(KeyPair pair, String kid, String alg) throws Exception {
    Map<String, Object> p =
        new LinkedHashMap<>(
            PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic())
                .toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    p.put("kid", kid);
    p.put("alg", alg);
    p.put("use", "sig");
    return p;
  }

  /** An algorithm, the kid in the header, the signing key and the signing input. */
  private record Signer(String alg, String kid, Object key, String input) {
    byte[] sign() {
      return Fixture.signature(input.getBytes(StandardCharsets.US_ASCII), alg, key);
    }

    String with(byte[] signature) {
      return input + "." + b64(signature);
    }
  }

  private static Signer signer(String alg, String kid) {
    return signer(alg, kid, f.claims());
  }

  private static Signer signer(String alg, String kid, Map<String, Object> claims) {
    Object key =
        switch (alg.substring(0, 2)) {
          case "HS" -> SECRET.getBytes(StandardCharsets.US_ASCII);
          case "RS", "PS" -> PAIRS.get("rsa").getPrivate();
          case "ES" -> PAIRS.get(curve(alg)).getPrivate();
          default -> PAIRS.get(kid.equals("ed448") ? "Ed448" : "Ed25519").getPrivate();
        };
    String input =
        b64(JsonUtil.toJson(Fixture.header(alg, alg.startsWith("HS") ? null : kid)))
            + "."
            + b64(JsonUtil.toJson(claims));
    return new Signer(alg, kid, key, input);
  }

  private static String curve(String alg) {
    return switch (alg) {
      case "ES256" -> "P-256";
      case "ES384" -> "P-384";
      default -> "P-521";
    };
  }

  private static FakeResponse send(String token) throws Exception {
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    Object alg =
        JsonUtil.parseJson(
                new String(
                    Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8))
            .get("alg");
    HMAC_FILTERS
        .getOrDefault(alg, filter)
        .doFilter(
            FakeRequest.get("/api").header("Authorization", "Bearer " + token).build(),
            response.servlet(),
            chain);
    return response;
  }

  private static void assertRefused(String token, String what) throws Exception {
    FakeResponse response = send(token);
    assertThat(response.status()).as(what).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).as(what).containsExactly(INVALID);
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The same signature in every other shape: a byte more, a byte less, zeros, random. */
  private static Map<String, byte[]> lengthVariants(byte[] sig) {
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("trailing 0x00", concat(sig, new byte[1]));
    bad.put("trailing 0x01", concat(sig, new byte[] {1}));
    bad.put("leading 0x00", concat(new byte[1], sig));
    bad.put("leading zeros", concat(new byte[8], sig));
    bad.put("last byte dropped", Arrays.copyOf(sig, sig.length - 1));
    bad.put("first byte dropped", Arrays.copyOfRange(sig, 1, sig.length));
    bad.put("truncated to half", Arrays.copyOf(sig, sig.length / 2));
    bad.put("all zeros", new byte[sig.length]);
    bad.put("twice", concat(sig, sig));
    return bad;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RS256:rs256", "RS384:rs384", "RS512:rs512", "PS256:ps256", "PS384:ps384", "PS512:ps512",
        "ES256:es256", "ES384:es384", "ES512:es512", "EdDSA:ed25519", "EdDSA:ed448", "HS256:-",
        "HS384:-", "HS512:-"
      })
  void doFilterWhenSignatureLengthOrPaddingWrongThenInvalidToken(String algAndKid)
      throws Exception {
    String[] parts = algAndKid.split(":");
    Signer signer = signer(parts[0], parts[1]);
    byte[] sig = signer.sign();
    assertThat(send(signer.with(sig)).status()).as("the well-formed token").isEqualTo(200);

    for (Map.Entry<String, byte[]> bad : lengthVariants(sig).entrySet()) {
      assertRefused(signer.with(bad.getValue()), algAndKid + " " + bad.getKey());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256:es256", "ES384:es384", "ES512:es512"})
  void doFilterWhenEcdsaROrSZeroOutOfRangeOrDerThenInvalidToken(String algAndKid) throws Exception {
    String[] parts = algAndKid.split(":");
    Signer signer = signer(parts[0], parts[1]);
    byte[] sig = signer.sign();
    int half = sig.length / 2;
    BigInteger n = ((ECPublicKey) PAIRS.get(curve(parts[0])).getPublic()).getParams().getOrder();
    BigInteger r = new BigInteger(1, Arrays.copyOf(sig, half));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, half, sig.length));
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("r = 0", concat(new byte[half], fixed(s, half)));
    bad.put("s = 0", concat(fixed(r, half), new byte[half]));
    bad.put("r = n", concat(fixed(n, half), fixed(s, half)));
    bad.put("s = n", concat(fixed(r, half), fixed(n, half)));
    if (s.add(n).bitLength() <= 8 * half) {
      bad.put("s + n", concat(fixed(r, half), fixed(s.add(n), half)));
    }
    bad.put("r and s each with a leading zero", concat(fixed(r, half + 1), fixed(s, half + 1)));
    Signature der = Signature.getInstance("SHA" + parts[0].substring(2) + "withECDSA");
    der.initSign((PrivateKey) signer.key());
    der.update(signer.input().getBytes(StandardCharsets.US_ASCII));
    bad.put("DER", der.sign());

    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      assertRefused(signer.with(e.getValue()), algAndKid + " " + e.getKey());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256:es384", "ES384:es256", "ES512:es256", "EdDSA:es256"})
  void doFilterWhenKidNamesKeyOfAnotherCurveThenInvalidToken(String algAndKid) throws Exception {
    String[] parts = algAndKid.split(":");
    Signer signer = signer(parts[0], parts[1]); // signed by the algorithm's own curve
    assertRefused(signer.with(signer.sign()), algAndKid);
  }

  private static byte[] fixed(BigInteger v, int length) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RS256:rs256",
        "RS384:rs384",
        "RS512:rs512",
        "PS256:ps256",
        "PS384:ps384",
        "PS512:ps512"
      })
  void doFilterWhenRsaSignatureValueNotBelowModulusThenInvalidToken(String algAndKid)
      throws Exception {
    String[] parts = algAndKid.split(":");
    Signer signer = signer(parts[0], parts[1]);
    byte[] sig = signer.sign();
    BigInteger n = ((RSAPublicKey) PAIRS.get("rsa").getPublic()).getModulus();
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("n", fixed(n, sig.length));
    bad.put("n + 1", fixed(n.add(BigInteger.ONE), sig.length));
    BigInteger shifted = new BigInteger(1, sig).add(n);
    if (shifted.bitLength() <= 8 * sig.length) {
      bad.put("s + n", fixed(shifted, sig.length));
    }
    byte[] ones = new byte[sig.length];
    Arrays.fill(ones, (byte) 0xFF);
    bad.put("all ones", ones);
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      assertRefused(signer.with(e.getValue()), algAndKid + " " + e.getKey());
    }
  }

  /**
   * A signature whose integer is short by a byte starts with 0x00: as long as the modulus it is
   * accepted, with that zero stripped (RFC 8017 §8.2.2 step 1) it is refused.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "RS256:rs256",
        "RS384:rs384",
        "RS512:rs512",
        "PS256:ps256",
        "PS384:ps384",
        "PS512:ps512"
      })
  void doFilterWhenRsaSignatureLeadingZeroStrippedThenInvalidTokenElseAccepted(String algAndKid)
      throws Exception {
    String[] parts = algAndKid.split(":");
    Map<String, Object> claims = f.claims();
    Signer signer = signer(parts[0], parts[1], claims);
    byte[] sig = signer.sign();
    for (int i = 0; sig[0] != 0; i++) {
      claims.put("jti", "zero-" + i);
      signer = signer(parts[0], parts[1], claims);
      sig = signer.sign();
    }

    assertRefused(signer.with(Arrays.copyOfRange(sig, 1, sig.length)), algAndKid + " stripped");
    assertThat(send(signer.with(sig)).status()).as(algAndKid + " with its 0x00").isEqualTo(200);
  }

  /** RFC 8032 §5.1.7 and §5.2.7: S is refused unless 0 ≤ S < L (S is little-endian). */
  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ed448"})
  void doFilterWhenEddsaSNotBelowGroupOrderThenInvalidToken(String kid) throws Exception {
    Signer signer = signer("EdDSA", kid);
    byte[] sig = signer.sign();
    int half = sig.length / 2;
    BigInteger order =
        kid.equals("ed25519")
            ? BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"))
            : BigInteger.TWO
                .pow(446)
                .subtract(
                    new BigInteger(
                        "13818066809895115352007386748515426880336692474882178609894547503885"));
    BigInteger s = new BigInteger(1, reversed(Arrays.copyOfRange(sig, half, sig.length)));
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("S + L", concat(Arrays.copyOf(sig, half), reversed(fixed(s.add(order), half))));
    bad.put("S = L", concat(Arrays.copyOf(sig, half), reversed(fixed(order, half))));
    byte[] ones = new byte[half];
    Arrays.fill(ones, (byte) 0xFF);
    bad.put("S all ones", concat(Arrays.copyOf(sig, half), ones));
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      assertRefused(signer.with(e.getValue()), kid + " " + e.getKey());
    }
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }
}
