package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Test mechanism {@value #NAME}: the TLS client certificate, which has no challenge scheme. A
 * certificate with subject {@code CN=revoked} is refused with a bare 403; any other is carol with
 * role {@code device} and the certificate's RFC 8705 thumbprint as the {@link
 * Identity#CERTIFICATE_THUMBPRINT} attribute.
 */
public final class FakeCertFactory implements AuthenticatorFactory {
  static final String NAME = "fakeCert";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    return new Authenticator() {
      @Override
      public Optional<Challenge> challenge() {
        return Optional.empty();
      }

      @Override
      public Set<String> presentedSources(AuthenticationRequest request) {
        return Set.of();
      }

      @Override
      public AuthResult authenticate(AuthenticationRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        if (!(servlet.getAttribute(RequestAttributes.CLIENT_CERTIFICATES)
                instanceof X509Certificate[] chain)
            || chain.length == 0) {
          return AuthResult.notAttempted();
        }
        if (chain[0].getSubjectX500Principal().getName().equals("CN=revoked")) {
          return AuthResult.rejected(AuthError.forbidden());
        }
        return AuthResult.authenticated(
            Identity.builder("carol", NAME, "CLIENT_CERT")
                .roles(List.of("device"))
                .attribute(Identity.CERTIFICATE_THUMBPRINT, TestCertificates.thumbprint(chain[0]))
                .attribute("subject", chain[0].getSubjectX500Principal().getName())
                .build());
      }
    };
  }
}
