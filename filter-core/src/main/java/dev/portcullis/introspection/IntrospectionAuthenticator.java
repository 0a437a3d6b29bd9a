package dev.portcullis.introspection;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.Challenge;
import dev.portcullis.CredentialShapes;
import dev.portcullis.Fingerprint;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.Verifier;
import dev.portcullis.config.Environment;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer} tokens by introspection. The token's length and
 * syntax are checked before anything else; then the verifier assembled by the factory decides,
 * keyed by a fingerprint of the endpoint and the token.
 */
final class IntrospectionAuthenticator implements Authenticator {
  static final AuthError MALFORMED =
      AuthError.invalidToken("The access token is malformed").withReason("malformed");
  private static final String SCHEME = "Bearer";

  private final Challenge challenge;
  private final IntrospectionSettings settings;
  private final IntrospectionClient client;
  private final Verifier<String> verifier;
  private final Runnable clearCache;
  private final IntrospectionProbe probe;
  private final CredentialShapes.KeyShapes keyShapes;

  /**
   * @param verifier the introspection call with its decorators (cache, stale-if-error, nbf recheck)
   * @param clearCache empties the verdict cache on close
   */
  IntrospectionAuthenticator(
      Environment environment,
      IntrospectionSettings settings,
      IntrospectionClient client,
      Verifier<String> verifier,
      Runnable clearCache) {
    this.challenge = new Challenge(SCHEME, environment.realm());
    this.settings = settings;
    this.client = client;
    this.verifier = verifier;
    this.clearCache = clearCache;
    this.probe =
        new IntrospectionProbe(settings.endpoint().toString(), client, environment.ticker());
    this.keyShapes = CredentialShapes.keyShapes(environment.servletContext());
  }

  @Override
  public List<Readiness> readiness() {
    return List.of(probe.check());
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.of(challenge);
  }

  /** An API key, of any prefix any filter of the application accepts, never leaves the process. */
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
    if (token.length() > settings.maxTokenLength() || !Authorization.isToken68(token)) {
      return AuthResult.rejected(MALFORMED);
    }
    return verifier.verify(token, Fingerprint.of(settings.endpoint() + " " + token));
  }

  @Override
  public void close() {
    clearCache.run();
    client.close();
  }
}
