package dev.portcullis.mtls;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.mtls.ForwardedCertificates.MalformedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * Authenticates the client certificate of the TLS session, or the one a trusted proxy forwarded
 * (never the proxy's own TLS certificate, which it hides from later readers). No certificate: not
 * attempted; an unacceptable one: {@code 403} without a challenge; an undecodable forwarded one:
 * {@code 400}. Verdicts are cached by the chain's SHA-256 thumbprints.
 */
final class MtlsAuthenticator implements Authenticator {
  private static final System.Logger LOG = System.getLogger(MtlsAuthenticator.class.getName());
  static final AuthError MALFORMED =
      AuthError.invalidRequest("The forwarded client certificate is malformed")
          .withReason("malformed_forwarded_certificate");

  private final CertificateSource source;
  private final CertificateValidator validator;
  private final PrincipalSource principal;
  private final Pattern allowedPrincipals;
  private final RoleMapping roles;
  private final VerdictCache cache;
  private final Verifier<List<X509Certificate>> verifier;
  private final Clock clock;

  MtlsAuthenticator(
      CertificateSource source,
      CertificateValidator validator,
      PrincipalSource principal,
      Pattern allowedPrincipals,
      RoleMapping roles,
      VerdictCache cache,
      Clock clock) {
    this.source = source;
    this.validator = validator;
    this.principal = principal;
    this.allowedPrincipals = allowedPrincipals;
    this.roles = roles;
    this.cache = cache;
    this.verifier = Verifier.cached(cache, this::verdict);
    this.clock = clock;
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
  private static String cacheKey(String thumbprint, List<X509Certificate> chain)
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

  private AuthResult verdict(List<X509Certificate> chain, String key)
      throws ServiceUnavailableException {
    int dot = key.indexOf('.');
    String thumbprint = dot < 0 ? key : key.substring(0, dot);
    X509Certificate leaf = chain.get(0);
    Optional<String> refusal = validator.refusal(chain, clock.instant());
    Optional<String> name = Optional.empty();
    if (refusal.isEmpty()) {
      name = principal.name(leaf);
      if (name.isEmpty()) {
        refusal = Optional.of("no_principal");
      } else if (allowedPrincipals != null && !allowedPrincipals.matcher(name.get()).matches()) {
        refusal = Optional.of("principal_not_allowed");
      }
    }
    if (refusal.isPresent()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "Client certificate {0} refused: {1}",
          Fingerprint.forLog(thumbprint),
          refusal.get());
      return AuthResult.rejected(AuthError.forbidden().withReason(refusal.get()));
    }
    return AuthResult.authenticated(
        Identity.builder(name.get(), MtlsAuthenticatorFactory.NAME, "CLIENT_CERT")
            .roles(roles.roles(leaf, name.get()))
            .attribute(Identity.CERTIFICATE_THUMBPRINT, thumbprint)
            .attribute(
                MtlsAuthenticatorFactory.SUBJECT_ATTRIBUTE,
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253))
            .attribute(
                MtlsAuthenticatorFactory.ISSUER_ATTRIBUTE,
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253))
            .attribute(MtlsAuthenticatorFactory.CERTIFICATE_ATTRIBUTE, leaf)
            .expiresAt(leaf.getNotAfter().toInstant())
            .fingerprint(thumbprint)
            .build());
  }
}
