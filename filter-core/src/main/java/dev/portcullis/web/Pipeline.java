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
import dev.portcullis.config.Environment;
import dev.portcullis.grid.GridUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * The single decision point: parses the {@code Authorization} field once, runs the configured
 * mechanism branches, checks certificate binding and authorization, and says how to answer.
 */
final class Pipeline {
  static final String CLIENT_CERT = "CLIENT_CERT";

  private static final AuthError NO_CERTIFICATE =
      AuthError.forbidden().withReason("no_credentials");
  static final AuthError NOT_AUTHENTICATED = AuthError.forbidden().withReason("not_authenticated");
  private static final AuthError MISSING_ROLE = AuthError.forbidden().withReason("missing_role");

  private final FilterSettings settings;
  private final List<List<Authenticator>> branches;
  private final List<Authenticator> authenticators;
  private final List<Set<String>> branchNames;
  private final Routing routing;
  private final Map<Authenticator, String> names = new IdentityHashMap<>();
  private final Map<String, Challenge> challenges = new LinkedHashMap<>();
  private final String[] schemes;
  private final ProofStep proof;

  Pipeline(FilterSettings settings, Map<String, Authenticator> byName, Environment environment) {
    this.settings = settings;
    this.branches =
        settings.branches().stream().map(b -> b.stream().map(byName::get).toList()).toList();
    this.authenticators = List.copyOf(byName.values());
    this.branchNames = settings.branches().stream().map(Set::copyOf).toList();
    this.routing = new Routing(authenticators);
    byName.forEach((name, a) -> names.put(a, name));
    for (Authenticator a : authenticators) {
      a.challenge()
          .map(this::withMetadata)
          .ifPresent(c -> challenges.putIfAbsent(c.scheme().toLowerCase(Locale.ROOT), c));
    }
    this.proof = new ProofStep(settings.dpop(), environment, this::withMetadata);
    proof.challenge().ifPresent(c -> challenges.put("dpop", c));
    Set<String> read = new HashSet<>(challenges.keySet());
    authenticators.forEach(a -> a.schemes().forEach(s -> read.add(s.toLowerCase(Locale.ROOT))));
    this.schemes = read.toArray(String[]::new);
  }

  List<Authenticator> authenticators() {
    return authenticators;
  }

  Decision decide(HttpServletRequest request) {
    boolean mustAuthenticate = settings.required();
    if (request.getAttribute(Identity.REQUEST_ATTRIBUTE) instanceof Identity earlier) {
      if (branches.isEmpty() || Layering.accepts(earlier, request, branchNames)) {
        return authorize(earlier);
      }
      // established by mechanisms weaker than this filter's: it authenticates itself or refuses
      mustAuthenticate = true;
    }
    if (branches.isEmpty()) {
      return Authority.anonymousAtAuthorizeOnly(request::getAttribute);
    }
    Enumeration<String> fields = request.getHeaders("Authorization");
    List<String> values = fields == null ? List.of() : Collections.list(fields);
    if (values.size() > 1) {
      return refuseAll(AuthorizationField.TWO_FIELDS, null);
    }
    Authorization sent = values.isEmpty() ? null : Authorization.parse(values.get(0));
    boolean dpop = proof.reads(sent);
    Authorization authorization = dpop ? ProofStep.asToken(sent) : sent;
    long hidden = 0;
    if (authorization != null && Routing.reads(schemes, authorization.scheme())) {
      AuthError refusal = AuthorizationField.refusal(authorization, request);
      if (refusal != null) {
        return refuseAll(
            refusal, refusal == AuthorizationField.EMPTY ? null : fingerprint(authorization));
      }
      hidden = routing.hidden(authorization);
      if (hidden == Routing.UNROUTABLE) {
        Challenge own = challenges.get(authorization.scheme().toLowerCase(Locale.ROOT));
        return refuse(
            AuthorizationField.FOREIGN,
            Optional.ofNullable(own),
            Decision.PIPELINE,
            fingerprint(authorization));
      }
    }
    return authenticate(
        new AuthenticationRequest(request, authorization), hidden, mustAuthenticate, dpop);
  }

  private Decision authenticate(
      AuthenticationRequest full, long hidden, boolean mustAuthenticate, boolean dpop) {
    AuthenticationRequest stripped =
        hidden == 0 ? full : new AuthenticationRequest(full.servletRequest(), null);
    Map<Authenticator, Set<String>> sources = new LinkedHashMap<>();
    Set<String> presented = new HashSet<>();
    for (Authenticator a : authenticators) {
      Set<String> s = a.presentedSources(view(a, full, stripped, hidden));
      sources.put(a, s);
      presented.addAll(s);
    }
    boolean eligible = false;
    for (int b = 0; b < branches.size(); b++) {
      List<Authenticator> branch = branches.get(b);
      Set<String> covered = new HashSet<>();
      branch.forEach(a -> covered.addAll(sources.get(a)));
      if (!covered.containsAll(presented)) {
        continue;
      }
      eligible = true;
      List<Identity> identities = new ArrayList<>(branch.size());
      for (Authenticator a : branch) {
        AuthenticationRequest request = view(a, full, stripped, hidden);
        AuthResult result;
        try {
          result = a.authenticate(request);
        } catch (ServiceUnavailableException | GridUnavailableException e) {
          return Decision.Unavailable.of(e, names.get(a), a.fingerprint(request).orElse(null));
        }
        if (result instanceof AuthResult.Rejected r) {
          if (yieldsToOtherSchemes(r.error(), a)) {
            break;
          }
          return dpop && r.error().status() == 401
              ? proof.refuse(r.error(), null, names.get(a), a.fingerprint(request).orElse(null))
              : refuse(r.error(), a, request);
        }
        if (!(result instanceof AuthResult.Authenticated ok)) {
          break;
        }
        identities.add(ok.identity());
      }
      if (identities.size() == branch.size()) {
        return established(Identity.combine(identities), identities, full, dpop, b);
      }
    }
    if (!eligible) {
      return refuseAll(
          AuthorizationField.TWO_CREDENTIALS, fingerprint(full.authorization().orElse(null)));
    }
    if (!mustAuthenticate) {
      return new Decision.Proceed(null, null, plainChallenges());
    }
    return challenges.isEmpty()
        ? new Decision.Refuse(NO_CERTIFICATE, List.of(), Decision.PIPELINE, null)
        : new Decision.Refuse(AuthError.unauthorized(), plainChallenges(), Decision.PIPELINE, null);
  }

  /** An AND branch authenticated: RFC 8705 and RFC 9449 possession, then authorization. */
  private Decision established(
      Identity identity, List<Identity> members, AuthenticationRequest full, boolean dpop, int b) {
    if (!Binding.bound(identity, members, full.servletRequest())) {
      return refuse(
          Binding.UNBOUND,
          challengeFor(identity),
          identity.mechanism(),
          fingerprint(full.authorization().orElse(null)));
    }
    ProofStep.Outcome proved = proof.check(identity, dpop, full, challenges.get("bearer"));
    Layering.Established established = new Layering.Established(identity, branchNames.get(b));
    return proved.refused() != null
        ? proved.refused()
        : authorizeWith(identity, established, proved.acceptedProof());
  }

  /**
   * The rule "a certificate's refusal yields to the other schemes' 401": a mechanism without an
   * HTTP authentication scheme (a client certificate, RFC 9110 §11.6.1) that refuses without a
   * challenge does not end the search while this filter has schemes; when nothing else
   * authenticates, the answer is their 401, not the certificate's 403.
   */
  private boolean yieldsToOtherSchemes(AuthError error, Authenticator by) {
    return !error.hasChallenge() && by.challenge().isEmpty() && !challenges.isEmpty();
  }

  /** The request as {@code a} may see it: without the Authorization field when routed away. */
  private AuthenticationRequest view(
      Authenticator a, AuthenticationRequest full, AuthenticationRequest stripped, long hidden) {
    return hidden != 0 && (hidden & (1L << routing.index(a))) != 0 ? stripped : full;
  }

  private List<String> plainChallenges() {
    return challenges.values().stream().map(Challenge::render).toList();
  }

  private Decision authorize(Identity identity) {
    return authorizeWith(identity, null, null);
  }

  /** Authorizes an identity established just now, recording its branch and DPoP proof (or null). */
  private Decision authorizeWith(
      Identity identity, Layering.Established established, String acceptedProof) {
    Decision decision = authorize(identity, settings.requiredScopes(), settings.requiredRoles());
    return established != null && decision instanceof Decision.Proceed
        ? new Decision.Proceed(identity, established, List.of(), acceptedProof)
        : decision;
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

  private Optional<Challenge> ownScheme(Identity identity) {
    String scheme = identity.authType();
    if (scheme.isEmpty()
        || CLIENT_CERT.equals(scheme)
        || !scheme.chars().allMatch(Challenge::isTokenChar)) {
      return Optional.empty();
    }
    return Optional.of(withMetadata(new Challenge(scheme, settings.realm())));
  }

  /** RFC 9728 §5.1: token challenges point at the protected resource's metadata if configured. */
  private Challenge withMetadata(Challenge challenge) {
    return settings.resourceMetadata() != null
            && (challenge.scheme().equalsIgnoreCase("Bearer")
                || challenge.scheme().equalsIgnoreCase(ProofStep.SCHEME))
        ? challenge.withResourceMetadata(settings.resourceMetadata())
        : challenge;
  }

  private Optional<Challenge> challengeFor(Identity identity) {
    return Optional.ofNullable(challenges.get(identity.authType().toLowerCase(Locale.ROOT)));
  }

  private Decision refuse(AuthError error, Authenticator by, AuthenticationRequest request) {
    Optional<Challenge> own =
        by.challenge(request)
            .map(
                c -> challenges.getOrDefault(c.scheme().toLowerCase(Locale.ROOT), withMetadata(c)));
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

  /** Refuses with {@code error} in every enabled scheme's challenge (all 400s are so rendered). */
  Decision refuseAll(AuthError error, String fingerprint) {
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
