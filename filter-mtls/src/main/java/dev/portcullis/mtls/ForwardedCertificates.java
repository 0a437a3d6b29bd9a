package dev.portcullis.mtls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes certificates forwarded by a TLS-terminating proxy, strictly: one DER certificate per
 * item, no trailing data, nothing but whitespace between PEM blocks.
 */
final class ForwardedCertificates {
  static final int MAX_CHAIN = 10;

  private static final Pattern SF_BINARY = Pattern.compile(":([A-Za-z0-9+/]*={0,2}):");
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");

  /** The forwarded value cannot be decoded; the filter answers 400. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException() {
      super("Malformed forwarded client certificate", null, false, false);
    }
  }

  /** How a proxy encodes the certificate. */
  enum Format {
    /** RFC 9440: a structured-field byte sequence {@code :base64-DER:}; the chain is a list. */
    RFC9440,
    /** PEM, raw or URL-encoded (nginx {@code $ssl_client_escaped_cert}, AWS ALB). */
    PEM
  }

  private ForwardedCertificates() {}

  /**
   * Decodes the leaf certificate header.
   *
   * @param value the single field value
   * @param format the encoding
   * @return the certificate
   * @throws MalformedException when the value is not exactly one certificate
   */
  static X509Certificate leaf(String value, Format format) throws MalformedException {
    List<X509Certificate> certs = decode(value, format);
    if (certs.size() != 1) {
      throw new MalformedException();
    }
    return certs.get(0);
  }

  /**
   * Decodes the chain header (issuers of the leaf, without the leaf).
   *
   * @param value the single field value
   * @param format the encoding
   * @return one or more certificates
   * @throws MalformedException when an item is not exactly one certificate
   */
  static List<X509Certificate> chain(String value, Format format) throws MalformedException {
    List<X509Certificate> certs = decode(value, format);
    if (certs.isEmpty() || certs.size() >= MAX_CHAIN) {
      throw new MalformedException();
    }
    return certs;
  }

  private static List<X509Certificate> decode(String value, Format format)
      throws MalformedException {
    List<X509Certificate> certs = new ArrayList<>();
    if (format == Format.RFC9440) {
      for (String member : value.split(",", -1)) {
        Matcher m = SF_BINARY.matcher(member.strip());
        if (!m.matches()) {
          throw new MalformedException();
        }
        certs.add(der(base64(m.group(1))));
      }
      return certs;
    }
    String text = value.indexOf('%') >= 0 ? percentDecode(value) : value;
    Matcher m = PEM.matcher(text);
    int end = 0;
    while (m.find()) {
      if (!text.substring(end, m.start()).isBlank() || certs.size() >= MAX_CHAIN) {
        throw new MalformedException();
      }
      certs.add(der(base64(m.group(1).replaceAll("\\s", ""))));
      end = m.end();
    }
    if (!text.substring(end).isBlank()) {
      throw new MalformedException();
    }
    return certs;
  }

  private static byte[] base64(String text) throws MalformedException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedException();
    }
  }

  /** Exactly one DER certificate: no PEM, no trailing bytes. */
  private static X509Certificate der(byte[] der) throws MalformedException {
    if (der.length < 2 || der[0] != 0x30) {
      throw new MalformedException();
    }
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (!Arrays.equals(cert.getEncoded(), der)) {
        throw new MalformedException();
      }
      return cert;
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedException();
    }
  }

  /** RFC 3986 percent-decoding; {@code +} stays {@code +}, as base64 needs. */
  private static String percentDecode(String value) throws MalformedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
        if (lo < 0) {
          throw new MalformedException();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        throw new MalformedException();
      }
    }
    byte[] bytes = out.toByteArray();
    for (byte b : bytes) {
      if (b < 0) {
        throw new MalformedException();
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
