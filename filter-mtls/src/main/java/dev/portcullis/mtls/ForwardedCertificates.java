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

  private ForwardedCertificates() {}

  /**
   * Decodes the leaf header: the leaf first, then any issuers the format carries in the same field
   * (AWS ALB passthrough, Envoy {@code Chain=}).
   *
   * @param value the single field value
   * @param format the encoding
   * @return one or more certificates, leaf first
   * @throws MalformedException when the value does not hold what the format defines
   */
  static List<X509Certificate> forwarded(String value, ForwardedFormat format)
      throws MalformedException {
    return switch (format) {
      case RFC9440 -> exactlyOne(byteSequences(value));
      case PEM -> exactlyOne(pem(value));
      case ALB -> nonEmpty(pem(value));
      case XFCC -> Xfcc.chain(value);
    };
  }

  /**
   * Decodes the chain header (issuers of the leaf, without the leaf).
   *
   * @param value the single field value
   * @param format the encoding, {@link ForwardedFormat#RFC9440} or {@link ForwardedFormat#PEM}
   * @return one or more certificates
   * @throws MalformedException when an item is not exactly one certificate
   */
  static List<X509Certificate> chain(String value, ForwardedFormat format)
      throws MalformedException {
    return nonEmpty(format == ForwardedFormat.RFC9440 ? byteSequences(value) : pem(value));
  }

  /**
   * Decodes PEM certificate blocks, raw or percent-encoded, separated by nothing but whitespace.
   *
   * @param value the text
   * @return the certificates, possibly none
   * @throws MalformedException when anything else is present
   */
  static List<X509Certificate> pem(String value) throws MalformedException {
    List<X509Certificate> certs = new ArrayList<>();
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

  static List<X509Certificate> exactlyOne(List<X509Certificate> certs) throws MalformedException {
    if (certs.size() != 1) {
      throw new MalformedException();
    }
    return certs;
  }

  private static List<X509Certificate> nonEmpty(List<X509Certificate> certs)
      throws MalformedException {
    if (certs.isEmpty() || certs.size() > MAX_CHAIN) {
      throw new MalformedException();
    }
    return certs;
  }

  /** RFC 9440: a list of structured-field byte sequences {@code :base64-DER:}. */
  private static List<X509Certificate> byteSequences(String value) throws MalformedException {
    List<X509Certificate> certs = new ArrayList<>();
    for (String member : value.split(",", -1)) {
      Matcher m = SF_BINARY.matcher(member.strip());
      if (!m.matches() || certs.size() >= MAX_CHAIN) {
        throw new MalformedException();
      }
      certs.add(der(base64(m.group(1))));
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
