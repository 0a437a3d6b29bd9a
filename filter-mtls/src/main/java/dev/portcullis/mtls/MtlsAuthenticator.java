package dev.portcullis.mtls;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.Verifier;
import dev.portcullis.mtls.ForwardedCertificates.MalformedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the client certificate of the TLS session, or the one a trusted proxy forwarded
 * (never the proxy's own TLS certificate, which it hides from later readers). No certificate: not
 * attempted; an unacceptable one: {@code 403} without a challenge; an undecodable forwarded one:
 * {@code 400}. Verdicts are cached by the chain's SHA-256 thumbprints ({@link #cacheKey}); the
 * checks themselves are {@link CertificateVerifier}'s.
 */
final class MtlsAuthenticator implements Authenticator {
  static final AuthError MALFORMED =
      AuthError.invalidRequest("The forwarded client certificate is malformed")
          .withReason("malformed_forwarded_certificate");

  private final CertificateSource source;
  private final Verifier<List<X509Certificate>> verifier;

  /**
   * Extracts the chain from {@code source}, pre-checks it and hands it to {@code verifier}, the
   * {@link CertificateVerifier} as the factory decorated it (with the verdict cache).
   */
  MtlsAuthenticator(CertificateSource source, Verifier<List<X509Certificate>> verifier) {
    this.source = source;
    this.verifier = verifier;
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.empty();
  }

  @Override
  public Set<String> presentedSources(AuthenticationRequest request) {
    return Set.of();
  }

  @Override
  public Set<String> credentialHeaders() {
    return source.forwardedHeaders();
  }

  @Override
  public Set<String> untrustedHeaders(HttpServletRequest request) {
    return source.untrustedHeaders(request);
  }

  @Override
  public Set<String> untrustedAttributes(HttpServletRequest request) {
    return source.untrustedAttributes(request);
  }

  /** The leaf certificate's SHA-256 thumbprint (RFC 8705 {@code x5t#S256}). */
  @Override
  public Optional<String> fingerprint(AuthenticationRequest request) {
    try {
      Optional<List<X509Certificate>> chain = source.chain(request.servletRequest());
      return chain.isEmpty()
          ? Optional.empty()
          : Optional.of(Fingerprint.of(chain.get().get(0).getEncoded()));
    } catch (MalformedException | CertificateEncodingException e) {
      return Optional.empty();
    }
  }

  @Override
  public AuthResult authenticate(AuthenticationRequest request) throws ServiceUnavailableException {
    Optional<List<X509Certificate>> chain;
    try {
      chain = source.chain(request.servletRequest());
    } catch (MalformedException e) {
      return AuthResult.rejected(MALFORMED);
    }
    if (chain.isEmpty()) {
      return AuthResult.notAttempted();
    }
    List<X509Certificate> certs = chain.get();
    String key;
    try {
      key = cacheKey(Fingerprint.of(certs.get(0).getEncoded()), certs);
    } catch (CertificateEncodingException e) {
      return AuthResult.rejected(AuthError.forbidden().withReason("bad_encoding"));
    }
    return verifier.verify(certs, key);
  }

  /** The leaf's thumbprint, plus {@code .} and a digest of the issuers when the chain has any. */
  static String cacheKey(String thumbprint, List<X509Certificate> chain)
      throws CertificateEncodingException {
    if (chain.size() == 1) {
      return thumbprint;
    }
    ByteArrayOutputStream issuers = new ByteArrayOutputStream();
    for (X509Certificate cert : chain.subList(1, chain.size())) {
      issuers.writeBytes(cert.getEncoded());
    }
    return thumbprint + "." + Fingerprint.of(issuers.toByteArray());
  }
}
