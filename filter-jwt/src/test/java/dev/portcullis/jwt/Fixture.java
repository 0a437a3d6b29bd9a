package dev.portcullis.jwt;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * Shared test set-up: an issuer with an RSA and an EC key published by a loopback JWKS server, fake
 * time, and helpers that sign raw header and payload text, so malformed tokens can be crafted.
 */
final class Fixture implements AutoCloseable {
  static final String ISSUER = "https://issuer.example";
  static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token is invalid\"";
  static final AuthResult REJECTED = AuthResult.rejected(ClaimsCheck.INVALID);
  static final AuthResult EXPIRED = AuthResult.rejected(ClaimsCheck.EXPIRED);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private static KeyPair rsaShared;
  private static KeyPair ecShared;

  final FakeTime time = new FakeTime();
  final JwksServer server;
  final KeyPair rsa = rsa();
  final KeyPair ec = ec();
  final Map<String, String> config = new LinkedHashMap<>();

  Fixture() throws IOException {
    server = new JwksServer();
    server.serve("/jwks", jwks(rsaJwk(rsa, "k1", "RS256"), ecJwk(ec, "e1", "ES256")));
    config.put("issuer", ISSUER);
    config.put("audience", "api");
    config.put("jwksUri", server.url("/jwks"));
    config.put("algorithms", "RS256,ES256");
  }

  static synchronized KeyPair rsa() {
    if (rsaShared == null) {
      rsaShared = generate("RSA", 2048);
    }
    return rsaShared;
  }

  static synchronized KeyPair ec() {
    if (ecShared == null) {
      ecShared = generateEc();
    }
    return ecShared;
  }

  static KeyPair generate(String algorithm, int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair generateEc() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> rsaJwk(KeyPair pair, String kid, String alg) {
    try {
      RsaJsonWebKey jwk =
          new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
      return params(jwk, kid, alg);
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> ecJwk(KeyPair pair, String kid, String alg) {
    EllipticCurveJsonWebKey jwk =
        new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) pair.getPublic());
    return params(jwk, kid, alg);
  }

  private static Map<String, Object> params(PublicJsonWebKey jwk, String kid, String alg) {
    Map<String, Object> p =
        new LinkedHashMap<>(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    if (kid != null) {
      p.put("kid", kid);
    }
    if (alg != null) {
      p.put("alg", alg);
    }
    p.put("use", "sig");
    return p;
  }

  static String jwks(Object... keys) {
    return JsonUtil.toJson(Map.of("keys", List.of(keys)));
  }

  /** The claims of a valid access token, now + 5 minutes. */
  Map<String, Object> claims() {
    long now = time.instant().getEpochSecond();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", ISSUER);
    c.put("sub", "alice");
    c.put("aud", "api");
    c.put("exp", now + 300);
    c.put("iat", now);
    c.put("jti", "id-1");
    c.put("client_id", "client-1");
    c.put("scope", "read write");
    return c;
  }

  static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", alg);
    h.put("typ", "at+jwt");
    if (kid != null) {
      h.put("kid", kid);
    }
    return h;
  }

  /** A valid RS256 token with the given claims. */
  String token(Map<String, Object> claims) {
    return sign(
        JsonUtil.toJson(header("RS256", "k1")), JsonUtil.toJson(claims), "RS256", rsa.getPrivate());
  }

  String token() {
    return token(claims());
  }

  static String b64(String text) {
    return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Signs raw header and payload JSON text. */
  static String sign(String header, String payload, String alg, Object key) {
    String input = b64(header) + "." + b64(payload);
    return input + "." + b64(signature(input.getBytes(StandardCharsets.US_ASCII), alg, key));
  }

  static byte[] signature(byte[] input, String alg, Object key) {
    try {
      if (alg.startsWith("HS")) {
        Mac mac = Mac.getInstance("HmacSHA" + alg.substring(2));
        mac.init(new SecretKeySpec((byte[]) key, "Hmac"));
        return mac.doFinal(input);
      }
      Signature s;
      if (alg.startsWith("RS")) {
        s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
      } else if (alg.startsWith("PS")) {
        s = Signature.getInstance("RSASSA-PSS");
        int bits = Integer.parseInt(alg.substring(2));
        s.setParameter(
            new PSSParameterSpec(
                "SHA-" + bits, "MGF1", new MGF1ParameterSpec("SHA-" + bits), bits / 8, 1));
      } else if (alg.startsWith("ES")) {
        s = Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
      } else {
        s = Signature.getInstance("EdDSA");
      }
      s.initSign((PrivateKey) key);
      s.update(input);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Authenticator authenticator() {
    return authenticator(config);
  }

  Authenticator authenticator(Map<String, String> settings) {
    Map<String, String> prefixed = new HashMap<>();
    settings.forEach((k, v) -> prefixed.put("jwt." + k, v));
    Config c = Config.of(prefixed, name -> null);
    Authenticator a =
        new JwtAuthenticatorFactory()
            .create(c.child("jwt"), Environment.of("api", time, time, null));
    c.checkAllKnown();
    return a;
  }

  static AuthenticationRequest request(String token) {
    return new AuthenticationRequest(
        FakeRequest.get("/api").header("Authorization", "Bearer " + token).build(),
        new Authorization("Bearer", token));
  }

  static AuthResult authenticate(Authenticator a, String token) throws ServiceUnavailableException {
    return a.authenticate(request(token));
  }

  static AuthError error(AuthResult r) {
    return ((AuthResult.Rejected) r).error();
  }

  @Override
  public void close() {
    server.close();
  }
}
