package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The RFC 8705 certificate binding of an identity established by one branch. */
final class Binding {
  private static final String CERTIFICATE_ATTRIBUTE = RequestAttributes.CLIENT_CERTIFICATES;
  private static final String CLIENT_CERT = Pipeline.CLIENT_CERT;

  static final AuthError UNBOUND =
      AuthError.invalidToken("The token is not bound to the presented client certificate")
          .withReason("unbound_token");

  private Binding() {}

  /**
   * RFC 8705 §3: a token with {@code cnf.x5t#S256} needs the very certificate it names: the one a
   * client-certificate mechanism of the same branch verified, else the TLS session's. Thumbprints
   * are taken only from {@code CLIENT_CERT} identities, never from a token's own attributes.
   */
  static boolean bound(Identity identity, List<Identity> members, HttpServletRequest request) {
    Optional<String> confirmation = identity.certificateThumbprint();
    if (confirmation.isEmpty()) {
      return true;
    }
    String presented = null;
    for (Identity member : members) {
      if (CLIENT_CERT.equals(member.authType())
          && member.attributes().get(Identity.CERTIFICATE_THUMBPRINT) instanceof String s) {
        presented = s;
      }
    }
    if (presented == null
        && request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain
        && chain.length > 0) {
      try {
        presented = Fingerprint.of(chain[0].getEncoded());
      } catch (CertificateEncodingException e) {
        return false;
      }
    }
    return presented != null
        && MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.US_ASCII),
            confirmation.get().getBytes(StandardCharsets.US_ASCII));
  }
}
