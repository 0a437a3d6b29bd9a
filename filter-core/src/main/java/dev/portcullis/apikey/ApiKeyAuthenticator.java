package dev.portcullis.apikey;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.CredentialShapes;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code Authorization: ApiKey <key>}, a key header (default {@code X-API-Key}) and,
 * only when configured, a query parameter. Unknown, revoked, expired and malformed keys all get the
 * same 401, so a caller learns nothing about which keys exist.
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

  private static final System.Logger LOG = System.getLogger(ApiKeyAuthenticator.class.getName());

  private final Challenge challenge;
  private final String header;
  private final String queryParameter;
  private final ApiKeyStore store;
  private final ApiKeyHasher hasher;
  private final VerdictCache cache;
  private final Verifier<String> verifier;
  private final Clock clock;
  private Readiness lastReadiness;
  private Instant lastReadinessAt;

  ApiKeyAuthenticator(
      String realm,
      String header,
      String queryParameter,
      ApiKeyStore store,
      ApiKeyHasher hasher,
      VerdictCache cache,
      Clock clock) {
    this.challenge = new Challenge(SCHEME, realm);
    this.header = header;
    this.queryParameter = queryParameter;
    this.store = store;
    this.hasher = hasher;
    this.cache = cache;
    this.verifier = Verifier.cached(cache, this::verify);
    this.clock = clock;
    store.onChange(cache::invalidateAll);
  }

  @Override
  public Optional<Challenge> challenge() {
    return Optional.of(challenge);
  }

  @Override
  public Set<String> credentialHeaders() {
    return Set.of("Authorization", header);
  }

  /** A key is this mechanism's under any scheme: no other mechanism is ever handed one. */
  @Override
  public Claim claims(String scheme, String credential) {
    if (CredentialShapes.apiKey(credential)) {
      return Claim.OWNS;
    }
    return scheme.equalsIgnoreCase(SCHEME) ? Claim.MAYBE : Claim.NEVER;
  }

  @Override
  public Set<String> presentedSources(AuthenticationRequest request) {
    Set<String> sources = new LinkedHashSet<>();
    if (request.credentials(SCHEME).isPresent()) {
      sources.add("authorization");
    }
    if (request.servletRequest().getHeader(header) != null) {
      sources.add("header:" + header);
    }
    if (queryParameter != null && !queryValues(request.servletRequest()).isEmpty()) {
      sources.add("query:" + queryParameter);
    }
    return sources;
  }

  /** The fingerprint of the first key presented, as on the identity of an accepted key. */
  @Override
  public Optional<String> fingerprint(AuthenticationRequest request) {
    List<String> keys = presented(request);
    return keys.isEmpty()
        ? Optional.empty()
        : Optional.of(Fingerprint.of(hasher.hash(keys.get(0).strip())));
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
    return List.of(lastReadiness);
  }

  private List<String> presented(AuthenticationRequest request) {
    List<String> keys = new ArrayList<>();
    request.credentials(SCHEME).ifPresent(keys::add);
    keys.addAll(Collections.list(request.servletRequest().getHeaders(header)));
    if (queryParameter != null) {
      keys.addAll(queryValues(request.servletRequest()));
    }
    return keys;
  }

  @Override
  public AuthResult authenticate(AuthenticationRequest request) throws ServiceUnavailableException {
    List<String> keys = presented(request);
    if (keys.isEmpty()) {
      return AuthResult.notAttempted();
    }
    String key = keys.get(0).strip();
    if (keys.size() > 1 || key.indexOf(',') >= 0) {
      return AuthResult.rejected(TWO_KEYS);
    }
    if (!ApiKeyFormat.plausible(key)) {
      return AuthResult.rejected(INVALID);
    }
    Optional<String> id = ApiKeyFormat.idOf(key);
    if (id.isEmpty()) {
      return AuthResult.rejected(INVALID);
    }
    String hash = hasher.hash(key);
    AuthResult result = verifier.verify(id.get(), hash);
    if (result instanceof AuthResult.Authenticated) {
      store.recordUse(id.get());
    }
    return result;
  }

  private AuthResult verify(String id, String hash) throws ServiceUnavailableException {
    Optional<ApiKeyRecord> found = store.findById(id);
    if (found.isEmpty() || !ApiKeyHasher.matches(found.get().hash(), hash)) {
      return reject(id, hash, "unknown");
    }
    ApiKeyRecord record = found.get();
    if (record.revoked()) {
      return reject(id, hash, "revoked");
    }
    if (record.expiresAt() != null && !clock.instant().isBefore(record.expiresAt())) {
      return reject(id, hash, "expired");
    }
    return AuthResult.authenticated(
        Identity.builder(record.principal(), "apiKey", SCHEME)
            .scopes(record.scopes())
            .roles(record.roles())
            .attribute("keyId", record.id())
            .expiresAt(record.expiresAt())
            .fingerprint(Fingerprint.forLog(Fingerprint.of(hash)))
            .build());
  }

  private static AuthResult reject(String id, String hash, String why) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "API key refused ({0}): id={1} fingerprint={2}",
        why,
        id,
        Fingerprint.forLog(Fingerprint.of(hash)));
    return AuthResult.rejected(INVALID);
  }

  /** Values of the key parameter from the query string only; a form body is never read. */
  private List<String> queryValues(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(name).equals(queryParameter)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
