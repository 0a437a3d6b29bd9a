package dev.portcullis.mtls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads trust anchors, intermediate certificates and CRLs from files at start-up. */
final class TrustMaterial {
  private static final String PEM_START = "-----BEGIN";

  private TrustMaterial() {}

  /**
   * Reads trust anchors from a PEM bundle, or from a PKCS#12 or JKS store (type detected).
   *
   * @param file the bundle or store
   * @param password the store password, or null
   * @return at least one anchor
   * @throws IOException when the file cannot be read or holds no certificate
   * @throws GeneralSecurityException when the store or a certificate is malformed
   */
  static Set<TrustAnchor> anchors(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> certs = new ArrayList<>();
    byte[] bytes = Files.readAllBytes(file);
    if (isPem(bytes)) {
      certs.addAll(certificates(file));
    } else {
      KeyStore store = KeyStore.getInstance(file.toFile(), password);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isCertificateEntry(alias)
            && store.getCertificate(alias) instanceof X509Certificate cert) {
          certs.add(cert);
        }
      }
    }
    if (certs.isEmpty()) {
      throw new IOException("no trusted certificate entries");
    }
    Set<TrustAnchor> anchors = new HashSet<>();
    certs.forEach(c -> anchors.add(new TrustAnchor(c, null)));
    return Set.copyOf(anchors);
  }

  /**
   * Reads the certificates of a PEM (or DER) file.
   *
   * @param file the file
   * @return the certificates
   */
  static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    List<X509Certificate> certs = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
    }
    return certs;
  }

  /**
   * Reads the CRLs of PEM or DER files.
   *
   * @param files the files
   * @return the CRLs
   */
  static List<X509CRL> crls(List<Path> files) throws IOException, GeneralSecurityException {
    List<X509CRL> crls = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
        for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
          crls.add((X509CRL) crl);
        }
      }
    }
    return crls;
  }

  private static boolean isPem(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII);
    return head.strip().startsWith(PEM_START);
  }
}
