package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.Authorization;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The checks of a request's {@code Authorization} field that come before any mechanism, for a
 * scheme this filter offers: one credential, not empty, not a list (RFC 9110 §11.6.2), and not also
 * in the query (RFC 6750 §2).
 */
final class AuthorizationField {
  static final AuthError TWO_FIELDS =
      AuthError.invalidRequest("The request has more than one Authorization field")
          .withReason("two_authorization_fields");
  static final AuthError LIST =
      AuthError.invalidRequest("The Authorization field must carry exactly one credential")
          .withReason("credential_list");
  static final AuthError EMPTY =
      AuthError.invalidRequest("The Authorization field has an empty credential")
          .withReason("empty_credential");
  static final AuthError TWO_CREDENTIALS =
      AuthError.invalidRequest("The request carries more than one credential")
          .withReason("two_credentials");

  static final AuthError FOREIGN =
      AuthError.invalidToken("The credential is not accepted with this scheme")
          .withReason("foreign_credential");

  private AuthorizationField() {}

  /** The refusal of a field of an offered scheme, or null when the mechanisms may see it. */
  static AuthError refusal(Authorization authorization, HttpServletRequest request) {
    String credentials = authorization.credentials();
    if (credentials.isEmpty()) {
      return EMPTY;
    }
    // indexOf, not a stream over chars: this runs on every request, cached hits included
    if (credentials.indexOf(',') >= 0
        || credentials.indexOf(' ') >= 0
        || credentials.indexOf('\t') >= 0) {
      return LIST;
    }
    if (authorization.scheme().equalsIgnoreCase("Bearer") && hasAccessTokenQuery(request)) {
      return TWO_CREDENTIALS;
    }
    return null;
  }

  /** RFC 6750 §2: a token in the header and in the query is two credentials. */
  static boolean hasAccessTokenQuery(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      if (pair.equals("access_token") || pair.startsWith("access_token=")) {
        return true;
      }
    }
    return false;
  }
}
