package dev.portcullis.sample;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;

/**
 * A token issuer on loopback for the RFC 8705 tests: serves its JWKS over HTTP and mints ES256
 * access tokens carrying {@code cnf.x5t#S256}, which the sample's demo issuer does not.
 */
final class BindingIssuer implements AutoCloseable {
  static final String AUDIENCE = "portcullis-sample";
  private final HttpServer server;
  private final EllipticCurveJsonWebKey key;

  BindingIssuer() throws Exception {
    key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    key.setKeyId(UUID.randomUUID().toString());
    key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    byte[] jwks = new JsonWebKeySet(key).toJson().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
  }

  /** The issuer identifier, also the base of the JWKS address. */
  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The system properties that point the sample's {@code /api/bound} filter here. */
  Map<String, String> settings() {
    return Map.of(
        "PORTCULLIS_JWT_ISSUER",
        issuer(),
        "PORTCULLIS_JWT_JWKS_URI",
        issuer() + "/jwks",
        "PORTCULLIS_JWT_AUDIENCE",
        AUDIENCE);
  }

  /** A five-minute access token for {@code subject} bound to {@code certificate} (or unbound). */
  String tokenBoundTo(String subject, X509Certificate certificate) throws Exception {
    Instant now = Instant.now();
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer());
    claims.setSubject(subject);
    claims.setAudience(AUDIENCE);
    claims.setClaim("client_id", "bound-client");
    claims.setClaim("scope", "orders:read");
    claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
    claims.setExpirationTime(NumericDate.fromSeconds(now.plusSeconds(300).getEpochSecond()));
    claims.setJwtId(UUID.randomUUID().toString());
    if (certificate != null) {
      claims.setClaim("cnf", Map.of("x5t#S256", thumbprint(certificate)));
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    jws.setHeader("typ", "at+jwt");
    return jws.getCompactSerialization();
  }

  /** RFC 8705 §3.1: base64url SHA-256 of the certificate's DER. */
  static String thumbprint(X509Certificate certificate) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
  }
}
