package dev.portcullis.introspection;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates generated at test time (BouncyCastle), with the key and trust stores that use them.
 *
 * @param keys the key pair of the first certificate of the chain
 * @param chain the server's chain, leaf first
 */
record TestCertificates(KeyPair keys, X509Certificate[] chain) {
  static final char[] PASSWORD = "changeit".toCharArray();
  private static final GeneralName LOOPBACK = new GeneralName(GeneralName.iPAddress, "127.0.0.1");

  /** A self-signed certificate for 127.0.0.1, valid for a day. */
  static TestCertificates forLoopback() throws Exception {
    KeyPair keys = keyPair();
    return new TestCertificates(
        keys,
        new X509Certificate[] {sign(keys, "CN=as", keys, "CN=as", LOOPBACK, tomorrow(), false)});
  }

  /** A certificate authority, valid for a day. */
  static TestCertificates authority() throws Exception {
    KeyPair keys = keyPair();
    return new TestCertificates(
        keys, new X509Certificate[] {sign(keys, "CN=ca", keys, "CN=ca", null, tomorrow(), true)});
  }

  /** A server certificate issued by this authority (real time: TLS checks the system clock). */
  TestCertificates issue(GeneralName subjectAltName, Instant notAfter) throws Exception {
    KeyPair leaf = keyPair();
    X509Certificate certificate =
        sign(leaf, "CN=as", keys, "CN=ca", subjectAltName, notAfter, false);
    return new TestCertificates(leaf, new X509Certificate[] {certificate, chain[0]});
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static Instant tomorrow() {
    return Instant.now().plus(Duration.ofDays(1));
  }

  private static X509Certificate sign(
      KeyPair subject,
      String subjectName,
      KeyPair issuer,
      String issuerName,
      GeneralName subjectAltName,
      Instant notAfter,
      boolean authority)
      throws Exception {
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuerName),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(notAfter.minus(Duration.ofDays(3))),
            Date.from(notAfter),
            new X500Name(subjectName),
            subject.getPublic());
    if (subjectAltName != null) {
      builder.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(subjectAltName));
    }
    if (authority) {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  /** The server side: this key and chain. */
  SSLContext serverContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), PASSWORD, chain);
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  /** A PKCS#12 trust store file holding only the last certificate of the chain. */
  Path trustStore(Path directory) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("as", chain[chain.length - 1]);
    Path file = Files.createTempFile(directory, "trust", ".p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
    return file;
  }
}
