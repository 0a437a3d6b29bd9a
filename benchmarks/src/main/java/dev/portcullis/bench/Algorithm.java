package dev.portcullis.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** The JWS algorithms benchmarked, with the plain JCA primitive each one costs at least. */
public enum Algorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key. */
  RS256,
  /** RSASSA-PSS with SHA-256, 2048-bit key. */
  PS256,
  /** ECDSA on P-256 with SHA-256. */
  ES256,
  /** Ed25519. */
  EdDSA;

  /**
   * A fresh key pair of the right type and size.
   *
   * @return the pair
   * @throws GeneralSecurityException never on a standard JDK
   */
  KeyPair generate() throws GeneralSecurityException {
    KeyPairGenerator g;
    switch (this) {
      case RS256, PS256 -> {
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
      }
      case ES256 -> {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      default -> g = KeyPairGenerator.getInstance("Ed25519");
    }
    return g.generateKeyPair();
  }

  /**
   * A new JCA signature object for this algorithm, JWS encoding (ECDSA as r‖s).
   *
   * @return the object, not yet initialized
   * @throws GeneralSecurityException never on a standard JDK
   */
  Signature jca() throws GeneralSecurityException {
    return switch (this) {
      case RS256 -> Signature.getInstance("SHA256withRSA");
      case PS256 -> {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield s;
      }
      case ES256 -> Signature.getInstance("SHA256withECDSAinP1363Format");
      case EdDSA -> Signature.getInstance("Ed25519");
    };
  }
}
