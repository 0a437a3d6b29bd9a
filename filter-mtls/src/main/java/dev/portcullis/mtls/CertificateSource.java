package dev.portcullis.mtls;

import dev.portcullis.mtls.ForwardedCertificates.Format;
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

/**
 * Finds the client certificate chain of a request: the TLS session's, or else the one a trusted
 * proxy forwarded (RFC 9440 §4). A header from any other peer is ignored.
 */
final class CertificateSource {
  /** The Servlet request attribute holding the TLS peer's chain, leaf first. */
  static final String TLS_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final ProxyAddresses trustedProxies;
  private final String header;
  private final String chainHeader;
  private final Format format;
  private final int maxLength;

  CertificateSource(
      ProxyAddresses trustedProxies,
      String header,
      String chainHeader,
      Format format,
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
    if (request.getAttribute(TLS_ATTRIBUTE) instanceof X509Certificate[] tls && tls.length > 0) {
      return Arrays.asList(tls).contains(null) ? Optional.empty() : Optional.of(List.of(tls));
    }
    if (!trustedProxies.contains(request.getRemoteAddr())) {
      return Optional.empty();
    }
    Optional<String> leaf = single(request, header);
    if (leaf.isEmpty()) {
      return Optional.empty();
    }
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(ForwardedCertificates.leaf(leaf.get(), format));
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
   * peer is a trusted proxy and no TLS certificate is present (RFC 9440 §4). The filter hides them
   * from the application.
   */
  Set<String> untrustedHeaders(HttpServletRequest request) {
    boolean tls =
        request.getAttribute(TLS_ATTRIBUTE) instanceof X509Certificate[] c && c.length > 0;
    if (!tls && trustedProxies.contains(request.getRemoteAddr())) {
      return Set.of();
    }
    return chainHeader == null ? Set.of(header) : Set.of(header, chainHeader);
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
