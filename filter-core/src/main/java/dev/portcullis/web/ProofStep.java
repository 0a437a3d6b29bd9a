package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authorization;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Environment;
import dev.portcullis.dpop.DpopProofs;
import dev.portcullis.dpop.DpopSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The DPoP step of the pipeline (RFC 9449): {@code Authorization: DPoP <token>} is handed to the
 * token mechanisms as the token itself; once an identity is established, its {@code cnf.jkt}
 * decides. A DPoP-bound token needs the DPoP scheme and a valid proof by its key, on every request
 * (the token's verdict may come from a cache, the proof's never does); a token presented under DPoP
 * must be DPoP-bound; with {@code dpop.required}, every token must be.
 */
final class ProofStep {
  static final String SCHEME = "DPoP";

  static final AuthError BOUND_AS_BEARER =
      AuthError.invalidToken("The access token is bound to a DPoP key and needs a DPoP proof")
          .withReason("dpop_bound_as_bearer");
  static final AuthError NOT_BOUND =
      AuthError.invalidToken("The access token is not bound to a DPoP key")
          .withReason("dpop_unbound");

  private final DpopSettings settings;
  private final DpopProofs proofs;
  private final Challenge challenge;

  ProofStep(DpopSettings settings, Environment environment, UnaryOperator<Challenge> decorate) {
    this.settings = settings;
    this.proofs =
        settings.enabled()
            ? new DpopProofs(
                settings, environment.clock(), environment.ticker(), environment.grid())
            : null;
    this.challenge =
        proofs == null
            ? null
            : decorate.apply(
                new Challenge(SCHEME, environment.realm())
                    .withAlgorithms(settings.algorithmNames()));
  }

  /** The DPoP challenge with the accepted algorithms, empty when DPoP is off. */
  Optional<Challenge> challenge() {
    return Optional.ofNullable(challenge);
  }

  /**
   * The field the token mechanisms see for a DPoP one: the token itself, under the scheme they
   * read; the proof is this step's, after the branch.
   */
  static Authorization asToken(Authorization dpop) {
    return new Authorization("Bearer", dpop.credentials());
  }

  /** Whether the field uses the DPoP scheme and DPoP is on. */
  boolean reads(Authorization authorization) {
    return proofs != null
        && authorization != null
        && authorization.scheme().equalsIgnoreCase(SCHEME);
  }

  /**
   * What the DPoP rules make of an established identity.
   *
   * @param refused the refusal (or 503), or null when the identity may proceed
   * @param acceptedProof the replay mark of the proof accepted, for the filter to record on the
   *     request; null when none was checked
   */
  record Outcome(Decision refused, String acceptedProof) {}

  /** The DPoP rules applied to an established identity; checking writes nothing on the request. */
  Outcome check(Identity identity, boolean dpop, AuthenticationRequest full, Challenge bearer) {
    String token = full.authorization().map(Authorization::credentials).orElse(null);
    DpopProofs.Checked checked;
    try {
      checked = checked(identity, dpop, full, token);
    } catch (ServiceUnavailableException e) {
      return new Outcome(
          new Decision.Unavailable(e, Decision.PIPELINE, fingerprint(full, token)), null);
    }
    AuthError error = checked.refusal();
    return error == null
        ? new Outcome(null, checked.mark())
        : new Outcome(refuse(error, bearer, identity.mechanism(), fingerprint(full, token)), null);
  }

  /** The token's fingerprint, the one its mechanism and the DPoP check already computed. */
  private static String fingerprint(AuthenticationRequest full, String token) {
    return token == null ? null : full.fingerprint(token);
  }

  /**
   * The refusal of a request that came with the DPoP scheme, or of a DPoP-bound token: a Bearer
   * challenge for a bound token presented as Bearer, else the DPoP challenge and, when nonces are
   * on, a fresh {@code DPoP-Nonce}.
   */
  Decision.Refuse refuse(AuthError error, Challenge bearer, String mechanism, String fingerprint) {
    if (error == BOUND_AS_BEARER || challenge == null) {
      List<String> rendered = bearer == null ? List.of() : List.of(bearer.render(error));
      return new Decision.Refuse(error, rendered, mechanism, fingerprint);
    }
    return new Decision.Refuse(
        error, List.of(challenge.render(error)), mechanism, fingerprint, proofs.currentNonce());
  }

  /** The refusal of an identity by the DPoP rules, or the proof it passed with. */
  private DpopProofs.Checked checked(
      Identity identity, boolean dpop, AuthenticationRequest request, String token)
      throws ServiceUnavailableException {
    String jkt = identity.keyThumbprint().orElse(null);
    if (!dpop) {
      if (jkt != null) {
        return new DpopProofs.Checked(BOUND_AS_BEARER, null);
      }
      return settings.required() && identity.authType().equalsIgnoreCase("Bearer")
          ? new DpopProofs.Checked(NOT_BOUND, null)
          : new DpopProofs.Checked(null, null);
    }
    if (jkt == null) {
      return new DpopProofs.Checked(NOT_BOUND, null);
    }
    // ath is the token's SHA-256, the digest its mechanism's verdict cache is keyed by
    return proofs.check(request.servletRequest(), request.fingerprint(token), jkt);
  }
}
