package dev.portcullis;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The request as an {@link Authenticator} sees it: the servlet request and its {@code
 * Authorization} field, already parsed and checked for duplicates by the filter.
 */
public final class AuthenticationRequest {
  private final HttpServletRequest request;
  private final Authorization authorization;
  private String fingerprinted;
  private String fingerprint;

  /**
   * Creates the view.
   *
   * @param request the servlet request
   * @param authorization the single parsed {@code Authorization} field, or null when absent
   */
  public AuthenticationRequest(HttpServletRequest request, Authorization authorization) {
    this.request = Objects.requireNonNull(request, "request");
    this.authorization = authorization;
  }

  /**
   * The servlet request, for mechanism-specific headers and TLS attributes.
   *
   * @return the request
   */
  public HttpServletRequest servletRequest() {
    return request;
  }

  /**
   * The parsed {@code Authorization} field.
   *
   * @return the field, empty when the request has none
   */
  public Optional<Authorization> authorization() {
    return Optional.ofNullable(authorization);
  }

  /**
   * The credentials sent with {@code scheme}, compared case-insensitively (RFC 9110 §11.1). The
   * filter has already refused empty credentials and credential lists for the schemes of its
   * mechanisms.
   *
   * @param scheme for example {@code Bearer}
   * @return the credentials, empty when the request uses another scheme or none
   */
  public Optional<String> credentials(String scheme) {
    if (authorization == null || !authorization.scheme().equalsIgnoreCase(scheme)) {
      return Optional.empty();
    }
    return Optional.of(authorization.credentials());
  }

  /**
   * {@link Fingerprint#of(String)} of a credential of this request, computed once per request:
   * mechanisms that key caches by it and checks that need the same digest (a DPoP proof's {@code
   * ath}) share one SHA-256.
   *
   * @param credential the credential, for example the token of the {@code Authorization} field
   * @return its fingerprint
   */
  public String fingerprint(String credential) {
    if (!credential.equals(fingerprinted)) {
      fingerprint = Fingerprint.of(credential);
      fingerprinted = credential;
    }
    return fingerprint;
  }
}
