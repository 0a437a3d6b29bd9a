package dev.portcullis.mtls;

import java.util.Locale;
import java.util.Optional;

/** How a TLS-terminating proxy forwards the client certificate, with its usual header names. */
enum ForwardedFormat {
  /**
   * RFC 9440: {@code Client-Cert} holds a structured-field byte sequence {@code :base64-DER:};
   * {@code Client-Cert-Chain} a list of them, the issuers.
   */
  RFC9440("Client-Cert", "Client-Cert-Chain"),
  /**
   * One PEM certificate, raw or percent-encoded (nginx {@code $ssl_client_escaped_cert}); issuers
   * only from a configured chain header of further PEM blocks.
   */
  PEM("X-SSL-Client-Cert", null),
  /**
   * Envoy {@code x-forwarded-client-cert}: exactly one element ({@code forward_client_cert_details:
   * SANITIZE_SET}) whose {@code Cert} is the URL-encoded PEM leaf; an optional {@code Chain} is the
   * URL-encoded PEM chain starting with that same leaf.
   */
  XFCC("X-Forwarded-Client-Cert", null),
  /**
   * AWS ALB: URL-encoded PEM ({@code +}, {@code =}, {@code /} left as they are), the leaf first and
   * then the issuers the client sent (passthrough mode; in verify mode name the header {@code
   * X-Amzn-Mtls-Clientcert-Leaf}, which holds the leaf alone).
   */
  ALB("X-Amzn-Mtls-Clientcert", null);

  private final String header;
  private final String chainHeader;

  ForwardedFormat(String header, String chainHeader) {
    this.header = header;
    this.chainHeader = chainHeader;
  }

  /** The header this format is read from unless configured otherwise. */
  String defaultHeader() {
    return header;
  }

  /** The issuers header read unless configured otherwise; null when there is none. */
  String defaultChainHeader() {
    return chainHeader;
  }

  /** Whether issuers may come from a separate header. */
  boolean allowsChainHeader() {
    return this == RFC9440 || this == PEM;
  }

  /** The setting value, for example {@code xfcc}. */
  String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format a header name implies when none is configured: the format whose usual header it is
   * ({@code X-Amzn-Mtls-Clientcert-Leaf} is ALB's), otherwise {@link #PEM}.
   */
  static ForwardedFormat forHeader(String name) {
    if (name.equalsIgnoreCase(ALB.header + "-Leaf")) {
      return ALB;
    }
    for (ForwardedFormat f : values()) {
      if (f.header.equalsIgnoreCase(name)) {
        return f;
      }
    }
    return PEM;
  }

  /** The format named by a setting value, empty when unknown. */
  static Optional<ForwardedFormat> parse(String value) {
    for (ForwardedFormat f : values()) {
      if (f.value().equals(value)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
