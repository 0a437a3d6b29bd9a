package dev.portcullis.mtls;

import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_FORWARDED_MAX_LENGTH;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.FORWARDED_CHAIN_HEADER;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.FORWARDED_FORMAT;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.FORWARDED_HEADER;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.FORWARDED_MAX_LENGTH;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.TRUSTED_PROXIES;

import dev.portcullis.RequestAttributes;
import dev.portcullis.config.Config;
import dev.portcullis.config.ProxyAddresses;
import dev.portcullis.mtls.ForwardedCertificates.MalformedException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the client certificate chain of a request: from a trusted proxy only the one it forwarded
 * (RFC 9440 §4), never the proxy's own TLS client certificate; from any other peer only its TLS
 * session's, never a header.
 */
final class CertificateSource {
  /** The Servlet request attribute holding the TLS peer's chain, leaf first. */
  static final String TLS_ATTRIBUTE = RequestAttributes.CLIENT_CERTIFICATES;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final ProxyAddresses trustedProxies;
  private final String header;
  private final String chainHeader;
  private final ForwardedFormat format;
  private final int maxLength;

  CertificateSource(
      ProxyAddresses trustedProxies,
      String header,
      String chainHeader,
      ForwardedFormat format,
      int maxLength) {
    this.trustedProxies = trustedProxies;
    this.header = header;
    this.chainHeader = chainHeader;
    this.format = format;
    this.maxLength = maxLength;
  }

  /**
   * The presented chain, leaf first.
   *
   * @param request the request
   * @return the chain, empty when the request carries no certificate that counts
   * @throws MalformedException when a trusted proxy forwarded an undecodable or duplicated value
   */
  Optional<List<X509Certificate>> chain(HttpServletRequest request) throws MalformedException {
    if (!trustedProxies.contains(request.getRemoteAddr())) {
      return request.getAttribute(TLS_ATTRIBUTE) instanceof X509Certificate[] tls
              && tls.length > 0
              && !Arrays.asList(tls).contains(null)
          ? Optional.of(List.of(tls))
          : Optional.empty();
    }
    Optional<String> leaf = single(request, header);
    if (leaf.isEmpty()) {
      return Optional.empty();
    }
    List<X509Certificate> chain =
        new ArrayList<>(ForwardedCertificates.forwarded(leaf.get(), format));
    if (chainHeader != null) {
      Optional<String> rest = single(request, chainHeader);
      if (rest.isPresent()) {
        chain.addAll(ForwardedCertificates.chain(rest.get(), format));
      }
    }
    return Optional.of(List.copyOf(chain));
  }

  /**
   * The forwarded-certificate headers that this request's peer may not set: all of them unless the
   * peer is a trusted proxy (RFC 9440 §4). The filter hides them from the application.
   */
  Set<String> untrustedHeaders(HttpServletRequest request) {
    return trustedProxies.contains(request.getRemoteAddr()) ? Set.of() : headers();
  }

  /**
   * The TLS client certificate when the peer is a trusted proxy: it is the proxy's own, not the
   * client's, so neither the filter's binding check nor the application may take it for the
   * client's.
   */
  Set<String> untrustedAttributes(HttpServletRequest request) {
    return trustedProxies.contains(request.getRemoteAddr()) ? Set.of(TLS_ATTRIBUTE) : Set.of();
  }

  /**
   * The headers a trusted proxy forwards certificates in; none when no proxy is trusted (the TLS
   * session is then the only source).
   */
  Set<String> forwardedHeaders() {
    return trustedProxies.isEmpty() ? Set.of() : headers();
  }

  private Set<String> headers() {
    return chainHeader == null ? Set.of(header) : Set.of(header, chainHeader);
  }

  /** Reads the trusted proxies and the forwarded-header settings. */
  static CertificateSource read(Config c) {
    List<String> cidrs = c.list(TRUSTED_PROXIES);
    ProxyAddresses proxies;
    try {
      proxies = ProxyAddresses.parse(cidrs);
    } catch (IllegalArgumentException e) {
      throw c.invalid(TRUSTED_PROXIES, String.join(",", cidrs), e.getMessage());
    }
    for (String key :
        List.of(FORWARDED_HEADER, FORWARDED_FORMAT, FORWARDED_CHAIN_HEADER, FORWARDED_MAX_LENGTH)) {
      Optional<String> value = c.string(key);
      if (value.isPresent() && proxies.isEmpty()) {
        throw c.invalid(key, value.get(), "needs " + c.key(TRUSTED_PROXIES));
      }
    }
    String header = c.string(FORWARDED_HEADER).map(v -> token(c, FORWARDED_HEADER, v)).orElse(null);
    ForwardedFormat format =
        c.string(FORWARDED_FORMAT)
            .map(
                v ->
                    ForwardedFormat.parse(v)
                        .orElseThrow(
                            () ->
                                c.invalid(
                                    FORWARDED_FORMAT, v, "expected rfc9440, pem, xfcc or alb")))
            .orElseGet(
                () -> header == null ? ForwardedFormat.RFC9440 : ForwardedFormat.forHeader(header));
    Optional<String> chain = c.string(FORWARDED_CHAIN_HEADER);
    if (chain.isPresent() && !format.allowsChainHeader()) {
      throw c.invalid(
          FORWARDED_CHAIN_HEADER, chain.get(), "not used with format " + format.value());
    }
    String chainHeader = chain.orElse(format.defaultChainHeader());
    return new CertificateSource(
        proxies,
        header == null ? format.defaultHeader() : header,
        chainHeader == null ? null : token(c, FORWARDED_CHAIN_HEADER, chainHeader),
        format,
        c.integer(FORWARDED_MAX_LENGTH, DEFAULT_FORWARDED_MAX_LENGTH, 1_024, 262_144));
  }

  private static String token(Config c, String key, String value) {
    if (!TOKEN.matcher(value).matches()) {
      throw c.invalid(key, value, "expected an HTTP field name");
    }
    return value;
  }

  private Optional<String> single(HttpServletRequest request, String name)
      throws MalformedException {
    Enumeration<String> values = request.getHeaders(name);
    List<String> list = values == null ? List.of() : Collections.list(values);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.size() > 1 || list.get(0).length() > maxLength || list.get(0).isBlank()) {
      throw new MalformedException();
    }
    return Optional.of(list.get(0));
  }
}
