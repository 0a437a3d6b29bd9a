package dev.portcullis.mtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
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

/** Certificates, keys and CRLs generated at test time; nothing long-lived is committed. */
final class TestPki {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  /** A certificate and the key pair of its subject. */
  record Issued(X509Certificate cert, KeyPair keys) {}

  static final KeyPair ROOT_KEY = rsa(2048);
  static final KeyPair INTER_KEY = rsa(2048);
  static final KeyPair LEAF_KEY = ec();

  static final Issued ROOT = ca("CN=Test Root,O=Portcullis", null, ROOT_KEY).build();
  static final Issued INTER = ca("CN=Test Issuing CA,O=Portcullis", ROOT, INTER_KEY).build();

  private TestPki() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Builder ca(String dn, Issued issuer, KeyPair keys) {
    return new Builder(dn, issuer, keys)
        .ca(true)
        .keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
        .noEku()
        .validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** A client leaf issued by {@link #INTER}: digitalSignature, clientAuth, valid around NOW. */
  static Builder leaf(String dn) {
    return new Builder(dn, INTER, LEAF_KEY);
  }

  /** Builds one certificate. */
  static final class Builder {
    private final String dn;
    private final Issued issuer;
    private KeyPair keys;
    private Instant notBefore = Instant.parse("2025-06-01T00:00:00Z");
    private Instant notAfter = Instant.parse("2027-01-01T00:00:00Z");
    private boolean ca;
    private int keyUsage = KeyUsage.digitalSignature;
    private KeyPurposeId[] eku = {KeyPurposeId.id_kp_clientAuth};
    private String signatureAlgorithm;
    private final List<GeneralName> sans = new ArrayList<>();
    private boolean unknownCritical;
    private String crlDistributionPoint;
    private BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());

    Builder(String dn, Issued issuer, KeyPair keys) {
      this.dn = dn;
      this.issuer = issuer;
      this.keys = keys;
    }

    Builder keys(KeyPair value) {
      keys = value;
      return this;
    }

    Builder validity(Instant from, Instant to) {
      notBefore = from;
      notAfter = to;
      return this;
    }

    Builder ca(boolean value) {
      ca = value;
      return this;
    }

    Builder keyUsage(int value) {
      keyUsage = value;
      return this;
    }

    Builder eku(KeyPurposeId... value) {
      eku = value;
      return this;
    }

    Builder noEku() {
      eku = null;
      return this;
    }

    Builder signatureAlgorithm(String value) {
      signatureAlgorithm = value;
      return this;
    }

    Builder san(int type, String value) {
      sans.add(new GeneralName(type, value));
      return this;
    }

    Builder san(GeneralName name) {
      sans.add(name);
      return this;
    }

    Builder unknownCriticalExtension() {
      unknownCritical = true;
      return this;
    }

    /** Adds a CRL Distribution Points extension with one full-name URI. */
    Builder crlDistributionPoint(String uri) {
      crlDistributionPoint = uri;
      return this;
    }

    Builder serial(long value) {
      serial = BigInteger.valueOf(value);
      return this;
    }

    Issued build() {
      try {
        X500Name subject = X500Name.getInstance(new X500Principal(dn).getEncoded());
        KeyPair signer = issuer == null ? keys : issuer.keys();
        X500Name issuerName =
            issuer == null
                ? subject
                : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                issuerName,
                serial,
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                keys.getPublic());
        if (ca) {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        if (eku != null) {
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        }
        if (!sans.isEmpty()) {
          b.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(sans.toArray(GeneralName[]::new)));
        }
        if (crlDistributionPoint != null) {
          GeneralNames name =
              new GeneralNames(
                  new GeneralName(GeneralName.uniformResourceIdentifier, crlDistributionPoint));
          b.addExtension(
              Extension.cRLDistributionPoints,
              false,
              new CRLDistPoint(
                  new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(name), null, null)
                  }));
        }
        if (unknownCritical) {
          b.addExtension(
              new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"),
              true,
              new DEROctetString(new byte[1]));
        }
        String alg = signatureAlgorithm != null ? signatureAlgorithm : defaultAlgorithm(signer);
        X509Certificate cert =
            new JcaX509CertificateConverter()
                .getCertificate(
                    b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
        return new Issued(cert, keys);
      } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** An {@code otherName} SAN: {@code type-id} and {@code [0] EXPLICIT value}. */
  static GeneralName otherName(String oid, ASN1Encodable value) {
    return new GeneralName(
        GeneralName.otherName,
        new DERSequence(
            new ASN1Encodable[] {
              new ASN1ObjectIdentifier(oid), new DERTaggedObject(true, 0, value)
            }));
  }

  /** A Microsoft user principal name SAN. */
  static GeneralName upn(String upn) {
    return otherName("1.3.6.1.4.1.311.20.2.3", new DERUTF8String(upn));
  }

  /** A CRL of {@code issuer} valid around NOW listing {@code revoked}. */
  static X509CRL crl(Issued issuer, X509Certificate... revoked) {
    try {
      X509v2CRLBuilder b =
          new X509v2CRLBuilder(
              X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()),
              Date.from(NOW.minusSeconds(3600)));
      b.setNextUpdate(Date.from(NOW.plusSeconds(30 * 86400)));
      for (X509Certificate cert : revoked) {
        b.addCRLEntry(
            cert.getSerialNumber(), Date.from(NOW.minusSeconds(60)), CRLReason.keyCompromise);
      }
      return new JcaX509CRLConverter()
          .getCRL(
              b.build(
                  new JcaContentSignerBuilder(defaultAlgorithm(issuer.keys()))
                      .build(issuer.keys().getPrivate())));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String defaultAlgorithm(KeyPair signer) {
    return signer.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
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

  static String pem(X509Certificate... certs) {
    StringBuilder out = new StringBuilder();
    try {
      for (X509Certificate cert : certs) {
        out.append(pem("CERTIFICATE", cert.getEncoded()));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, X509CRL crl) {
    try {
      return write(file, pem("X509 CRL", crl.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
