package dev.portcullis.jwt;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.Challenge;
import dev.portcullis.CredentialShapes;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.jose.ParsedToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates {@code Authorization: Bearer} JWT access tokens (RFC 9068). The token's shape is
 * checked strictly first; it is then routed by its unverified {@code iss} to exactly one configured
 * issuer, whose own keys and claim rules decide. Verdicts are cached by the token's fingerprint.
 */
final class JwtAuthenticator implements Authenticator {
  private static final String SCHEME = "Bearer";

  private final Challenge challenge;
  private final Map<String, Issuer> issuers;
  private final VerdictCache cache;
  private final Verifier<String> verifier;
  private final int maxLength;
  private final boolean passOpaque;
  private final Runnable onClose;
  private final CredentialShapes.KeyShapes keyShapes;

  /**
   * Extracts and pre-checks a token, then hands it to {@code verifier}: the {@link IssuerRouting}
   * as the factory decorated it with {@code cache} (kept here for its statistics only).
   *
   * @param keyShapes the application's API-key shapes, never examined as tokens
   */
  JwtAuthenticator(
      CredentialShapes.KeyShapes keyShapes,
      Challenge challenge,
      Map<String, Issuer> issuers,
      Verifier<String> verifier,
      VerdictCache cache,
      int maxLength,
      boolean passOpaque,
      Runnable onClose) {
    this.challenge = challenge;
    this.issuers = Map.copyOf(issuers);
    this.cache = cache;
    this.verifier = verifier;
    this.maxLength = maxLength;
    this.passOpaque = passOpaque;
    this.onClose = onClose;
    this.keyShapes = keyShapes;
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.of(challenge);
  }

  /** An API key, of any prefix any filter of the application accepts, is never examined. */
  @Override
  public Claim claims(String scheme, String credential) {
    return scheme.equalsIgnoreCase(SCHEME) && !keyShapes.recognises(credential)
        ? Claim.MAYBE
        : Claim.NEVER;
  }

  @Override
  public Set<String> presentedSources(AuthenticationRequest request) {
    return request.credentials(SCHEME).isPresent() ? Set.of("authorization") : Set.of();
  }

  @Override
  public AuthResult authenticate(AuthenticationRequest request) throws ServiceUnavailableException {
    Optional<String> credentials = request.credentials(SCHEME);
    if (credentials.isEmpty()) {
      return AuthResult.notAttempted();
    }
    String token = credentials.get();
    if (token.length() > maxLength) {
      return AuthResult.rejected(ClaimsCheck.INVALID);
    }
    if (passOpaque && !ParsedToken.jwtShaped(token)) {
      // not a JWT: the opaque-token mechanism's, unless it is no token68 at all
      return Authorization.isToken68(token)
          ? AuthResult.notAttempted()
          : AuthResult.rejected(ClaimsCheck.INVALID);
    }
    // The shape (alphabet, segments, canonical base64url) is checked by ParsedToken.parse on a
    // miss; a hit is the verdict already reached for these exact bytes, so it is not re-checked.
    return verifier.verify(token, request.fingerprint(token));
  }

  /**
   * Statistics of the verdict cache, for monitoring and tests.
   *
   * @return the cache
   */
  VerdictCache cache() {
    return cache;
  }

  @Override
  public List<Readiness> readiness() {
    return issuers.values().stream().map(Issuer::readiness).toList();
  }

  @Override
  public void close() {
    onClose.run();
  }
}
