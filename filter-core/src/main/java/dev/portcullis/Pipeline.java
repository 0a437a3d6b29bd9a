package dev.portcullis;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The single decision point: parses the {@code Authorization} field once, runs the configured
 * mechanism branches, checks certificate binding and authorization, and says how to answer.
 */
final class Pipeline {
  static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
  private static final String CLIENT_CERT = "CLIENT_CERT";

  /** Plain challenges an optional filter leaves on an anonymous request for later filters. */
  static final String CHALLENGES_ATTRIBUTE = "dev.portcullis.challenges";

  private static final AuthError TWO_FIELDS =
      AuthError.invalidRequest("The request has more than one Authorization field");
  private static final AuthError LIST =
      AuthError.invalidRequest("The Authorization field must carry exactly one credential");
  private static final AuthError EMPTY =
      AuthError.invalidRequest("The Authorization field has an empty credential");
  private static final AuthError TWO_CREDENTIALS =
      AuthError.invalidRequest("The request carries more than one credential");
  private static final AuthError UNBOUND =
      AuthError.invalidToken("The token is not bound to the presented client certificate");

  private final FilterSettings settings;
  private final List<List<Authenticator>> branches;
  private final List<Authenticator> authenticators;
  private final Map<String, Challenge> challenges = new LinkedHashMap<>();

  Pipeline(FilterSettings settings, Map<String, Authenticator> byName) {
    this.settings = settings;
    this.branches =
        settings.branches().stream().map(b -> b.stream().map(byName::get).toList()).toList();
    this.authenticators = List.copyOf(byName.values());
    for (Authenticator a : authenticators) {
      a.challenge().ifPresent(c -> challenges.putIfAbsent(c.scheme().toLowerCase(Locale.ROOT), c));
    }
  }

  List<Authenticator> authenticators() {
    return authenticators;
  }

  Decision decide(HttpServletRequest request) {
    if (request.getAttribute(Identity.REQUEST_ATTRIBUTE) instanceof Identity earlier) {
      return authorize(earlier);
    }
    if (branches.isEmpty()) {
      return anonymousAtAuthorizeOnly(request);
    }
    Enumeration<String> fields = request.getHeaders("Authorization");
    List<String> values = fields == null ? List.of() : Collections.list(fields);
    if (values.size() > 1) {
      return refuseAll(TWO_FIELDS);
    }
    Authorization authorization = values.isEmpty() ? null : Authorization.parse(values.get(0));
    if (authorization != null
        && challenges.containsKey(authorization.scheme().toLowerCase(Locale.ROOT))) {
      String credentials = authorization.credentials();
      if (credentials.isEmpty()) {
        return refuseAll(EMPTY);
      }
      // indexOf, not a stream over chars: this runs on every request, cached hits included
      if (credentials.indexOf(',') >= 0
          || credentials.indexOf(' ') >= 0
          || credentials.indexOf('\t') >= 0) {
        return refuseAll(LIST);
      }
      if (authorization.scheme().equalsIgnoreCase("Bearer") && hasAccessTokenQuery(request)) {
        return refuseAll(TWO_CREDENTIALS);
      }
    }
    try {
      return authenticate(new AuthenticationRequest(request, authorization));
    } catch (ServiceUnavailableException e) {
      return new Decision.Unavailable(e);
    }
  }

  /** RFC 6750 §2: a token in the header and in the query is two credentials. */
  private static boolean hasAccessTokenQuery(HttpServletRequest request) {
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

  private Decision authenticate(AuthenticationRequest request) throws ServiceUnavailableException {
    Map<Authenticator, Set<String>> sources = new LinkedHashMap<>();
    Set<String> presented = new HashSet<>();
    for (Authenticator a : authenticators) {
      Set<String> s = a.presentedSources(request);
      sources.put(a, s);
      presented.addAll(s);
    }
    boolean eligible = false;
    for (List<Authenticator> branch : branches) {
      Set<String> covered = new HashSet<>();
      branch.forEach(a -> covered.addAll(sources.get(a)));
      if (!covered.containsAll(presented)) {
        continue;
      }
      eligible = true;
      List<Identity> identities = new ArrayList<>(branch.size());
      for (Authenticator a : branch) {
        AuthResult result = a.authenticate(request);
        if (result instanceof AuthResult.Rejected r) {
          if (!r.error().hasChallenge() && a.challenge().isEmpty() && !challenges.isEmpty()) {
            break; // an unacceptable client certificate: the other schemes' 401 applies
          }
          return refuse(r.error(), a.challenge());
        }
        if (!(result instanceof AuthResult.Authenticated ok)) {
          break;
        }
        identities.add(ok.identity());
      }
      if (identities.size() == branch.size()) {
        Identity identity = Identity.combine(identities);
        if (!bound(identity, identities, request.servletRequest())) {
          return refuse(UNBOUND, challengeFor(identity));
        }
        return authorize(identity);
      }
    }
    if (!eligible) {
      return refuseAll(TWO_CREDENTIALS);
    }
    if (!settings.required()) {
      if (!challenges.isEmpty()) {
        request.servletRequest().setAttribute(CHALLENGES_ATTRIBUTE, plainChallenges());
      }
      return new Decision.Proceed(null);
    }
    return challenges.isEmpty()
        ? new Decision.Refuse(AuthError.forbidden(), List.of())
        : new Decision.Refuse(AuthError.unauthorized(), plainChallenges());
  }

  private List<String> plainChallenges() {
    return challenges.values().stream().map(Challenge::render).toList();
  }

  /**
   * An authorization-only filter met a request that no earlier filter authenticated: 401 with the
   * challenges that filter left on the request when it let the request pass anonymously, else 403.
   */
  private static Decision anonymousAtAuthorizeOnly(HttpServletRequest request) {
    if (request.getAttribute(CHALLENGES_ATTRIBUTE) instanceof List<?> list && !list.isEmpty()) {
      return new Decision.Refuse(
          AuthError.unauthorized(), list.stream().map(String::valueOf).toList());
    }
    return new Decision.Refuse(AuthError.forbidden(), List.of());
  }

  private Decision authorize(Identity identity) {
    if (!identity.scopes().containsAll(settings.requiredScopes())) {
      AuthError error = AuthError.insufficientScope(String.join(" ", settings.requiredScopes()));
      // The identity's own scheme, even when this filter does not enable it (an identity reused
      // from an earlier filter); a client certificate has no scheme, so its 403 has no challenge.
      Optional<Challenge> own = challengeFor(identity).or(() -> ownScheme(identity));
      return own.isPresent()
          ? new Decision.Refuse(error, List.of(own.get().render(error)))
          : new Decision.Refuse(error, List.of());
    }
    if (!settings.requiredRoles().isEmpty()
        && settings.requiredRoles().stream().noneMatch(identity.roles()::contains)) {
      return new Decision.Refuse(AuthError.forbidden(), List.of());
    }
    return new Decision.Proceed(identity);
  }

  /**
   * RFC 8705 §3: a token with {@code cnf.x5t#S256} needs the very certificate it names: the one a
   * client-certificate mechanism of the same branch verified, else the TLS session's. Thumbprints
   * are taken only from {@code CLIENT_CERT} identities, never from a token's own attributes.
   */
  private static boolean bound(
      Identity identity, List<Identity> members, HttpServletRequest request) {
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

  private Optional<Challenge> ownScheme(Identity identity) {
    String scheme = identity.authType();
    if (scheme.isEmpty()
        || CLIENT_CERT.equals(scheme)
        || !scheme.chars().allMatch(Challenge::isTokenChar)) {
      return Optional.empty();
    }
    return Optional.of(new Challenge(scheme, settings.realm()));
  }

  private Optional<Challenge> challengeFor(Identity identity) {
    return Optional.ofNullable(challenges.get(identity.authType().toLowerCase(Locale.ROOT)));
  }

  private Decision refuse(AuthError error, Optional<Challenge> challenge) {
    if (!error.hasChallenge()) {
      return new Decision.Refuse(error, List.of());
    }
    if (error.status() == 400 || challenge.isEmpty()) {
      return refuseAll(error);
    }
    return new Decision.Refuse(error, List.of(challenge.get().render(error)));
  }

  private Decision refuseAll(AuthError error) {
    return new Decision.Refuse(
        error, challenges.values().stream().map(c -> c.render(error)).toList());
  }
}
