package dev.portcullis.introspection;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.config.Environment;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer} tokens by introspection. The token's length and
 * syntax are checked before anything else; verdicts are cached under a fingerprint of the endpoint
 * and the token, one call per token at a time.
 */
final class IntrospectionAuthenticator implements Authenticator {
  static final AuthError MALFORMED =
      AuthError.invalidToken("The access token is malformed").withReason("malformed");
  private static final String SCHEME = "Bearer";
  private static final System.Logger LOG =
      System.getLogger(IntrospectionAuthenticator.class.getName());

  private final Challenge challenge;
  private final IntrospectionSettings settings;
  private final IntrospectionClient client;
  private final IntrospectionVerdicts verdicts;
  private final VerdictCache cache;
  private final StaleIfError stale;
  private final IntrospectionProbe probe;

  IntrospectionAuthenticator(
      Environment environment,
      IntrospectionSettings settings,
      IntrospectionClient client,
      IntrospectionVerdicts verdicts,
      VerdictCache cache) {
    this.challenge = new Challenge(SCHEME, environment.realm());
    this.settings = settings;
    this.client = client;
    this.verdicts = verdicts;
    this.cache = cache;
    this.stale = new StaleIfError(settings, environment.clock(), environment.ticker());
    this.probe =
        new IntrospectionProbe(settings.endpoint().toString(), client, environment.ticker());
  }

  @Override
  public List<Readiness> readiness() {
    return List.of(probe.check());
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.of(challenge);
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
    String key = Fingerprint.of(settings.endpoint() + " " + token);
    AuthResult result;
    try {
      result =
          cache.get(
              key,
              () -> {
                String fingerprint = Fingerprint.of(token);
                AuthResult verdict = verdicts.judge(client.introspect(token), fingerprint);
                stale.remember(key, verdict);
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "Introspected token {0}: {1}",
                    Fingerprint.forLog(fingerprint),
                    verdict instanceof AuthResult.Rejected r ? r.error() : "active");
                return verdict;
              });
    } catch (ServiceUnavailableException e) {
      result = stale.fallback(key, e);
    }
    return verdicts.recheck(result);
  }

  @Override
  public void close() {
    cache.invalidateAll();
    client.close();
  }
}
