package dev.portcullis.apikey;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.Verifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Authenticates an API key from the {@link ApiKeyTransports transports} configured: {@code
 * Authorization: ApiKey <key>}, optionally {@code Bearer} and Basic, key headers and a query
 * parameter. Unknown, revoked, expired and malformed keys all get the same 401, so a caller learns
 * nothing about which keys exist; a key whose checksum does not match is refused before any
 * hashing, cache entry or store lookup. Extract, pre-check, then verify: the verification is {@link
 * StoredKeyVerifier}'s, decorated with the verdict cache by the factory.
 */
final class ApiKeyAuthenticator implements Authenticator {
  static final String SCHEME = "ApiKey";

  static final AuthError INVALID =
      AuthError.invalidToken("The API key is invalid").withReason("invalid_key");
  private static final AuthError TWO_KEYS =
      AuthError.invalidRequest("The request carries more than one API key")
          .withReason("two_api_keys");

  /** How long a readiness probe of the store is reused. */
  static final Duration READINESS_INTERVAL = Duration.ofSeconds(5);

  private final String realm;
  private final Challenge challenge;
  private final ApiKeyFormat format;
  private final ApiKeyTransports transports;
  private final ApiKeyStore store;
  private final ApiKeyHasher hasher;
  private final Verifier<Optional<String>> verifier;
  private final Clock clock;
  private final EphemeralKeySettings.Ephemeral ephemeral;
  private final List<Runnable> closers = new CopyOnWriteArrayList<>();
  private Supplier<Map<String, String>> revocation = Map::of;
  private Readiness lastReadiness;
  private Instant lastReadinessAt;

  ApiKeyAuthenticator(
      String realm,
      ApiKeyFormat format,
      ApiKeyTransports transports,
      ApiKeyStore store,
      ApiKeyHasher hasher,
      Verifier<Optional<String>> verifier,
      Clock clock) {
    this(realm, format, transports, store, hasher, verifier, clock, null);
  }

  /** As above, also accepting the ephemeral keys of {@code ephemeral} (null when off). */
  ApiKeyAuthenticator(
      String realm,
      ApiKeyFormat format,
      ApiKeyTransports transports,
      ApiKeyStore store,
      ApiKeyHasher hasher,
      Verifier<Optional<String>> verifier,
      Clock clock,
      EphemeralKeySettings.Ephemeral ephemeral) {
    this.ephemeral = ephemeral;
    this.realm = realm;
    this.challenge = new Challenge(SCHEME, realm);
    this.format = format;
    this.transports = transports;
    this.store = store;
    this.hasher = hasher;
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.of(challenge);
  }

  @Override
  public Set<String> schemes() {
    return transports.schemes();
  }

  /**
   * A key refused under {@code Bearer} is answered in the scheme the client used; under {@code
   * ApiKey} or Basic (no Basic challenge, so browsers do not prompt) with {@code ApiKey}.
   */
  @Override
  public Optional<Challenge> challenge(AuthenticationRequest request) {
    String scheme = transports.scheme(request);
    return ApiKeyTransports.BEARER.equalsIgnoreCase(scheme)
        ? Optional.of(new Challenge(ApiKeyTransports.BEARER, realm))
        : Optional.of(challenge);
  }

  @Override
  public Set<String> credentialHeaders() {
    Set<String> headers = new LinkedHashSet<>();
    headers.add("Authorization");
    headers.addAll(transports.headers());
    return Collections.unmodifiableSet(headers);
  }

  /**
   * A credential with a configured key prefix is this mechanism's under any scheme: no other
   * mechanism is ever handed one, nor one with the ephemeral prefix. Under {@code Bearer} anything
   * else is a token, not a key.
   */
  @Override
  public Claim claims(String scheme, String credential) {
    if (format.recognises(credential) || ephemeral(credential)) {
      return Claim.OWNS;
    }
    return scheme.equalsIgnoreCase(SCHEME)
            || (transports.basic() && scheme.equalsIgnoreCase(ApiKeyTransports.BASIC))
        ? Claim.MAYBE
        : Claim.NEVER;
  }

  private boolean ephemeral(String credential) {
    return ephemeral != null && ephemeral.check().recognises(credential);
  }

  @Override
  public Set<String> presentedSources(AuthenticationRequest request) {
    return transports.sources(request);
  }

  /**
   * The fingerprint of the first key presented, as on the identity of an accepted key: for an
   * ephemeral key whose MAC verifies, the fingerprint of the credential that minted it.
   */
  @Override
  public Optional<String> fingerprint(AuthenticationRequest request) {
    List<String> keys = transports.keys(request);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    String key = keys.get(0).strip();
    Optional<String> parent =
        ephemeral(key) ? ephemeral.check().parent(key) : Optional.<String>empty();
    return parent.isPresent() ? parent : Optional.of(Fingerprint.of(hasher.hash(key)));
  }

  /**
   * The store's readiness, probed at most once per {@link #READINESS_INTERVAL}: a health endpoint
   * polled often does not query a database on every poll.
   */
  @Override
  public synchronized List<Readiness> readiness() {
    Instant now = clock.instant();
    if (lastReadiness == null || !now.isBefore(lastReadinessAt.plus(READINESS_INTERVAL))) {
      lastReadiness = store.readiness();
      lastReadinessAt = now;
    }
    Map<String, String> data = new java.util.TreeMap<>(lastReadiness.data());
    data.putAll(revocation.get());
    return List.of(new Readiness(lastReadiness.component(), lastReadiness.up(), data));
  }

  @Override
  public AuthResult authenticate(AuthenticationRequest request) throws ServiceUnavailableException {
    List<String> keys = transports.keys(request);
    if (keys.isEmpty()) {
      return AuthResult.notAttempted();
    }
    String key = keys.get(0).strip();
    if (keys.size() > 1 || key.indexOf(',') >= 0) {
      return AuthResult.rejected(TWO_KEYS);
    }
    if (ephemeral(key)) {
      return ephemeral.check().authenticate(key, request); // no store, no cache: verified here
    }
    Optional<String> id = format.idOf(key);
    if (id.isEmpty() && !format.imported(key)) {
      return AuthResult.rejected(INVALID);
    }
    String hash = hasher.hash(key);
    AuthResult result = verifier.verify(id, hash);
    if (result instanceof AuthResult.Authenticated ok) {
      store.recordUse(String.valueOf(ok.identity().attributes().get(ApiKeyAttributes.KEY_ID)));
    }
    return result;
  }

  /** Reports how soon key changes of other nodes take effect here, beside the store's state. */
  void revocation(Supplier<Map<String, String>> bound) {
    this.revocation = bound;
  }

  /** Runs {@code closer} when this authenticator closes, before the store closes. */
  void onClose(Runnable closer) {
    closers.add(closer);
  }

  @Override
  public void close() {
    if (ephemeral != null) {
      ephemeral.close().run();
    }
    closers.forEach(Runnable::run);
    store.close();
  }
}
