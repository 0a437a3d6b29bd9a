package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
      AuthError.invalidRequest("The request has more than one Authorization field")
          .withReason("two_authorization_fields");
  private static final AuthError LIST =
      AuthError.invalidRequest("The Authorization field must carry exactly one credential")
          .withReason("credential_list");
  private static final AuthError EMPTY =
      AuthError.invalidRequest("The Authorization field has an empty credential")
          .withReason("empty_credential");
  private static final AuthError TWO_CREDENTIALS =
      AuthError.invalidRequest("The request carries more than one credential")
          .withReason("two_credentials");
  private static final AuthError NO_CERTIFICATE =
      AuthError.forbidden().withReason("no_credentials");
  private static final AuthError NOT_AUTHENTICATED =
      AuthError.forbidden().withReason("not_authenticated");
  private static final AuthError MISSING_ROLE = AuthError.forbidden().withReason("missing_role");
  private static final AuthError UNBOUND =
      AuthError.invalidToken("The token is not bound to the presented client certificate")
          .withReason("unbound_token");

  private final FilterSettings settings;
  private final List<List<Authenticator>> branches;
  private final List<Authenticator> authenticators;
  private final Map<Authenticator, String> names = new IdentityHashMap<>();
  private final Map<String, Challenge> challenges = new LinkedHashMap<>();

  Pipeline(FilterSettings settings, Map<String, Authenticator> byName) {
    this.settings = settings;
    this.branches =
        settings.branches().stream().map(b -> b.stream().map(byName::get).toList()).toList();
    this.authenticators = List.copyOf(byName.values());
    byName.forEach((name, a) -> names.put(a, name));
    for (Authenticator a : authenticators) {
      a.challenge()
          .map(this::withMetadata)
          .ifPresent(c -> challenges.putIfAbsent(c.scheme().toLowerCase(Locale.ROOT), c));
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
      return anonymousAtAuthorizeOnly(request::getAttribute);
    }
    Enumeration<String> fields = request.getHeaders("Authorization");
    List<String> values = fields == null ? List.of() : Collections.list(fields);
    if (values.size() > 1) {
      return refuseAll(TWO_FIELDS, null);
    }
    Authorization authorization = values.isEmpty() ? null : Authorization.parse(values.get(0));
    if (authorization != null && offers(authorization.scheme())) {
      String credentials = authorization.credentials();
      if (credentials.isEmpty()) {
        return refuseAll(EMPTY, null);
      }
      // indexOf, not a stream over chars: this runs on every request, cached hits included
      if (credentials.indexOf(',') >= 0
          || credentials.indexOf(' ') >= 0
          || credentials.indexOf('\t') >= 0) {
        return refuseAll(LIST, fingerprint(authorization));
      }
      if (authorization.scheme().equalsIgnoreCase("Bearer") && hasAccessTokenQuery(request)) {
        return refuseAll(TWO_CREDENTIALS, fingerprint(authorization));
      }
    }
    return authenticate(new AuthenticationRequest(request, authorization));
  }

  /**
   * Whether a mechanism of this filter answers to {@code scheme} (no lower-cased copy per call).
   */
  private boolean offers(String scheme) {
    for (String own : challenges.keySet()) {
      if (own.equalsIgnoreCase(scheme)) {
        return true;
      }
    }
    return false;
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

  private Decision authenticate(AuthenticationRequest request) {
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
        AuthResult result;
        try {
          result = a.authenticate(request);
        } catch (ServiceUnavailableException e) {
          return new Decision.Unavailable(e, names.get(a), a.fingerprint(request).orElse(null));
        }
        if (result instanceof AuthResult.Rejected r) {
          if (!r.error().hasChallenge() && a.challenge().isEmpty() && !challenges.isEmpty()) {
            break; // an unacceptable client certificate: the other schemes' 401 applies
          }
          return refuse(r.error(), a, request);
        }
        if (!(result instanceof AuthResult.Authenticated ok)) {
          break;
        }
        identities.add(ok.identity());
      }
      if (identities.size() == branch.size()) {
        Identity identity = Identity.combine(identities);
        if (!bound(identity, identities, request.servletRequest())) {
          return refuse(
              UNBOUND,
              challengeFor(identity),
              identity.mechanism(),
              fingerprint(request.authorization().orElse(null)));
        }
        return authorize(identity);
      }
    }
    if (!eligible) {
      return refuseAll(TWO_CREDENTIALS, fingerprint(request.authorization().orElse(null)));
    }
    if (!settings.required()) {
      if (!challenges.isEmpty()) {
        request.servletRequest().setAttribute(CHALLENGES_ATTRIBUTE, plainChallenges());
      }
      return new Decision.Proceed(null);
    }
    return challenges.isEmpty()
        ? new Decision.Refuse(NO_CERTIFICATE, List.of(), Decision.PIPELINE, null)
        : new Decision.Refuse(AuthError.unauthorized(), plainChallenges(), Decision.PIPELINE, null);
  }

  private List<String> plainChallenges() {
    return challenges.values().stream().map(Challenge::render).toList();
  }

  /**
   * An authorization-only filter met a request that no earlier filter authenticated: 401 with the
   * challenges that filter left on the request when it let the request pass anonymously, else 403.
   */
  static Decision anonymousAtAuthorizeOnly(Function<String, Object> attributes) {
    if (attributes.apply(CHALLENGES_ATTRIBUTE) instanceof List<?> list && !list.isEmpty()) {
      return new Decision.Refuse(
          AuthError.unauthorized(),
          list.stream().map(String::valueOf).toList(),
          Decision.PIPELINE,
          null);
    }
    return new Decision.Refuse(NOT_AUTHENTICATED, List.of(), Decision.PIPELINE, null);
  }

  private Decision authorize(Identity identity) {
    return authorize(identity, settings.requiredScopes(), settings.requiredRoles());
  }

  /** This filter's authorization answer for {@code identity} against the given requirements. */
  Decision authorize(Identity identity, Set<String> requiredScopes, Set<String> requiredRoles) {
    if (!identity.scopes().containsAll(requiredScopes)) {
      AuthError error = AuthError.insufficientScope(String.join(" ", requiredScopes));
      // The identity's own scheme, even when this filter does not enable it (an identity reused
      // from an earlier filter); a client certificate has no scheme, so its 403 has no challenge.
      Optional<Challenge> own = challengeFor(identity).or(() -> ownScheme(identity));
      List<String> rendered = own.map(c -> List.of(c.render(error))).orElse(List.of());
      return new Decision.Refuse(
          error, rendered, identity.mechanism(), identity.fingerprint().orElse(null));
    }
    if (!requiredRoles.isEmpty() && requiredRoles.stream().noneMatch(identity.roles()::contains)) {
      return new Decision.Refuse(
          MISSING_ROLE, List.of(), identity.mechanism(), identity.fingerprint().orElse(null));
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
    return Optional.of(withMetadata(new Challenge(scheme, settings.realm())));
  }

  /** RFC 9728 §5.1: Bearer challenges point at the protected resource's metadata if configured. */
  private Challenge withMetadata(Challenge challenge) {
    return settings.resourceMetadata() != null && challenge.scheme().equalsIgnoreCase("Bearer")
        ? challenge.withResourceMetadata(settings.resourceMetadata())
        : challenge;
  }

  private Optional<Challenge> challengeFor(Identity identity) {
    return Optional.ofNullable(challenges.get(identity.authType().toLowerCase(Locale.ROOT)));
  }

  private Decision refuse(AuthError error, Authenticator by, AuthenticationRequest request) {
    Optional<Challenge> own =
        by.challenge().map(c -> challenges.get(c.scheme().toLowerCase(Locale.ROOT)));
    return refuse(error, own, names.get(by), by.fingerprint(request).orElse(null));
  }

  private Decision refuse(
      AuthError error, Optional<Challenge> challenge, String mechanism, String fingerprint) {
    if (!error.hasChallenge()) {
      return new Decision.Refuse(error, List.of(), mechanism, fingerprint);
    }
    if (error.status() == 400 || challenge.isEmpty()) {
      return refuseAll(error, mechanism, fingerprint);
    }
    return new Decision.Refuse(
        error, List.of(challenge.get().render(error)), mechanism, fingerprint);
  }

  /** Computed only for refusals: hashing stays off the path of accepted requests. */
  private static String fingerprint(Authorization authorization) {
    return authorization == null ? null : Fingerprint.of(authorization.credentials());
  }

  private Decision refuseAll(AuthError error, String fingerprint) {
    return refuseAll(error, Decision.PIPELINE, fingerprint);
  }

  private Decision refuseAll(AuthError error, String mechanism, String fingerprint) {
    return new Decision.Refuse(
        error,
        challenges.values().stream().map(c -> c.render(error)).toList(),
        mechanism,
        fingerprint);
  }
}
