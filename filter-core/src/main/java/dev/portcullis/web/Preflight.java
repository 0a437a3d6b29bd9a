package dev.portcullis.web;

import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;

/**
 * A genuine CORS preflight, the only request a filter lets through untouched whatever its path: an
 * {@code OPTIONS} request (method name exactly so) with a non-blank {@code Origin} and an {@code
 * Access-Control-Request-Method} that is a method name, no {@code Authorization} field, none of the
 * mechanisms' credential headers and no credential any mechanism sees (its presented sources), and
 * no body (no {@code Transfer-Encoding}, a {@code Content-Length} of at most 0). A browser sends
 * preflights without credentials and without a body (Fetch standard, CORS- preflight fetch);
 * anything else is authenticated like every other request.
 */
final class Preflight {
  private Preflight() {}

  /**
   * Whether {@code request} is a genuine preflight.
   *
   * @param request the request as the client sent it (no header hidden)
   * @param authenticators the filter's mechanisms, for their credential headers
   * @return true when the request passes untouched
   */
  static boolean is(HttpServletRequest request, Collection<Authenticator> authenticators) {
    String origin = request.getHeader("Origin");
    String method = request.getHeader("Access-Control-Request-Method");
    if (!"OPTIONS".equals(request.getMethod())
        || origin == null
        || origin.isBlank()
        || method == null
        || method.isEmpty()
        || !method.chars().allMatch(Challenge::isTokenChar)
        || request.getHeader("Authorization") != null
        || request.getHeader("Transfer-Encoding") != null
        || request.getContentLengthLong() > 0) {
      return false;
    }
    AuthenticationRequest credentials = new AuthenticationRequest(request, null);
    for (Authenticator a : authenticators) {
      for (String header : a.credentialHeaders()) {
        if (request.getHeader(header) != null) {
          return false;
        }
      }
      if (!a.presentedSources(credentials).isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
