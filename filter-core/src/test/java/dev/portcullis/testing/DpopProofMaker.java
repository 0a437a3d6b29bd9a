package dev.portcullis.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * DPoP proofs (RFC 9449 §4.2) made by Nimbus JOSE, an implementation independent of Portcullis.
 * Each field can be set wrong on purpose.
 */
public final class DpopProofMaker {
  private final JWK key;
  private JWK headerKey;
  private JWSAlgorithm algorithm;
  private String type = "dpop+jwt";
  private String method = "GET";
  private String uri;
  private Instant issued;
  private String token;
  private String ath;
  private String nonce;
  private String jti = UUID.randomUUID().toString();
  private String pad;

  private DpopProofMaker(JWK key, JWSAlgorithm algorithm) {
    this.key = key;
    this.headerKey = key.toPublicJWK();
    this.algorithm = algorithm;
  }

  /** A fresh P-256 key. */
  public static DpopProofMaker es256() throws Exception {
    return new DpopProofMaker(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
  }

  /** A fresh RSA 2048 key, signing with {@code algorithm} (RS256 or PS256). */
  public static DpopProofMaker rsa(JWSAlgorithm algorithm) throws Exception {
    return new DpopProofMaker(new RSAKeyGenerator(2048).generate(), algorithm);
  }

  /** The RFC 7638 thumbprint of this key, as Nimbus computes it. */
  public String thumbprint() throws Exception {
    return key.computeThumbprint().toString();
  }

  public DpopProofMaker method(String value) {
    method = value;
    return this;
  }

  public DpopProofMaker uri(String value) {
    uri = value;
    return this;
  }

  public DpopProofMaker issued(Instant value) {
    issued = value;
    return this;
  }

  /** The access token; {@code ath} is its hash unless set otherwise. */
  public DpopProofMaker token(String value) {
    token = value;
    return this;
  }

  public DpopProofMaker ath(String value) {
    ath = value;
    return this;
  }

  public DpopProofMaker nonce(String value) {
    nonce = value;
    return this;
  }

  public DpopProofMaker type(String value) {
    type = value;
    return this;
  }

  public DpopProofMaker jti(String value) {
    jti = value;
    return this;
  }

  /** Puts another key's public JWK in the header (the signature stays this key's). */
  public DpopProofMaker headerKey(JWK value) {
    headerKey = value;
    return this;
  }

  /** Adds a header member {@code pad} with this value (an extra member a proof may carry). */
  public DpopProofMaker pad(String value) {
    pad = value;
    return this;
  }

  /** The base64url header of the next proof. */
  public String headerSegment() {
    return header().toBase64URL().toString();
  }

  private JWSHeader header() {
    JWSHeader.Builder header =
        new JWSHeader.Builder(algorithm).type(new JOSEObjectType(type)).jwk(headerKey);
    return (pad == null ? header : header.customParam("pad", pad)).build();
  }

  public JWK key() {
    return key;
  }

  /** Signs a new proof with a new {@code jti} unless one was set. */
  public String make() throws Exception {
    JWSHeader header = header();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(jti)
            .claim("htm", method)
            .claim("htu", uri)
            .issueTime(Date.from(issued));
    if (ath != null || token != null) {
      claims.claim("ath", ath != null ? ath : hashOf(token));
    }
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    SignedJWT jwt = new SignedJWT(header, claims.build());
    jwt.sign(signer());
    jti = UUID.randomUUID().toString();
    return jwt.serialize();
  }

  private JWSSigner signer() throws Exception {
    return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
  }

  /** base64url(SHA-256(ASCII token)), RFC 9449 §4.2. */
  public static String hashOf(String token) throws Exception {
    return Base64URL.encode(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)))
        .toString();
  }
}
