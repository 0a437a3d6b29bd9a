package dev.portcullis.sample;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates, keys, stores and CRLs generated at test time (EC P-256, SHA256withECDSA), valid
 * around the real clock because the server checks them against it. Nothing is committed.
 */
final class Pki {
  static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate, its issuer (null for a root) and the key pair of its subject. */
  record Issued(X509Certificate cert, Issued issuer, KeyPair keys) {
    /** This certificate followed by its issuers, without the root. */
    Certificate[] chain() {
      return issuer == null || issuer.issuer() == null
          ? new Certificate[] {cert}
          : new Certificate[] {cert, issuer.cert()};
    }
  }

  private Pki() {}

  static Issued root(String dn) {
    return issue(dn, null, Instant.now().minusSeconds(86_400), 2, null, true);
  }

  static Issued intermediate(String dn, Issued root) {
    return issue(dn, root, Instant.now().minusSeconds(86_400), 2, null, true);
  }

  /** A leaf valid from yesterday for {@code days} days (negative: already expired). */
  static Issued leaf(String dn, Issued issuer, int days, KeyPurposeId eku, String... sans) {
    return issue(dn, issuer, Instant.now().minusSeconds(86_400), days, eku, false, sans);
  }

  private static Issued issue(
      String dn,
      Issued issuer,
      Instant notBefore,
      int days,
      KeyPurposeId eku,
      boolean ca,
      String... sans) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = X500Name.getInstance(new X500Principal(dn).getEncoded());
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer == null ? subject : name(issuer),
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notBefore.plusSeconds(86_400L * days)),
              subject,
              keys.getPublic());
      if (ca) {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
      }
      if (sans.length > 0) {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
          names[i] =
              Character.isDigit(sans[i].charAt(0))
                  ? new GeneralName(GeneralName.iPAddress, sans[i])
                  : new GeneralName(GeneralName.dNSName, sans[i]);
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      KeyPair signer = issuer == null ? keys : issuer.keys();
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
      return new Issued(cert, issuer, keys);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CRL of {@code issuer}, current for a day, listing {@code revoked}. */
  static X509CRL crl(Issued issuer, Issued... revoked) throws Exception {
    Instant now = Instant.now();
    X509v2CRLBuilder b = new X509v2CRLBuilder(name(issuer), Date.from(now.minusSeconds(3600)));
    b.setNextUpdate(Date.from(now.plusSeconds(86_400)));
    for (Issued r : revoked) {
      b.addCRLEntry(
          r.cert().getSerialNumber(), Date.from(now.minusSeconds(60)), CRLReason.keyCompromise);
    }
    return new JcaX509CRLConverter()
        .getCRL(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate())));
  }

  /** A PKCS#12 store holding {@code who}'s key under {@code alias}, with its chain. */
  static KeyStore keyStore(String alias, Issued who) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(alias, who.keys().getPrivate(), PASSWORD, who.chain());
    return store;
  }

  /** A PKCS#12 store of trusted certificates. */
  static KeyStore trustStore(Issued... roots) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (Issued root : roots) {
      store.setCertificateEntry(root.cert().getSubjectX500Principal().getName(), root.cert());
    }
    return store;
  }

  static Path save(KeyStore store, Path file) throws Exception {
    try (var out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
    return file;
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static X500Name name(Issued issuer) {
    return X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
  }
}
