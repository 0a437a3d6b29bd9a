package dev.portcullis.mtls;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.Verifier;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * The verification step of {@code mtls}: PKIX and leaf policy ({@link CertificateValidator}), then
 * the principal, the allowed principals and the roles. The key is {@link
 * MtlsAuthenticator#cacheKey}; the factory decorates this step with the verdict cache.
 */
final class CertificateVerifier implements Verifier<List<X509Certificate>> {
  private static final System.Logger LOG = System.getLogger(MtlsAuthenticator.class.getName());

  private final CertificateValidator validator;
  private final PrincipalSource principal;
  private final Pattern allowedPrincipals;
  private final RoleMapping roles;
  private final Clock clock;

  CertificateVerifier(
      CertificateValidator validator,
      PrincipalSource principal,
      Pattern allowedPrincipals,
      RoleMapping roles,
      Clock clock) {
    this.validator = validator;
    this.principal = principal;
    this.allowedPrincipals = allowedPrincipals;
    this.roles = roles;
    this.clock = clock;
  }

  @Override
  public AuthResult verify(List<X509Certificate> chain, String key)
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
