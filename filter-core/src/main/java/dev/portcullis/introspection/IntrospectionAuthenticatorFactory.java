package dev.portcullis.introspection;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Fingerprint;
import dev.portcullis.cache.StaleIfError;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.config.Keys;
import dev.portcullis.config.TrustStores;
import jakarta.json.JsonReaderFactory;
import java.util.Set;

/**
 * The {@value #NAME} mechanism: opaque bearer tokens ({@code Authorization: Bearer <token>})
 * checked by an RFC 7662 introspection call to the authorization server, with the verdicts cached.
 *
 * <p>Settings, all under the {@code introspection.} prefix:
 *
 * <ul>
 *   <li>{@value #ENDPOINT} (required): the introspection endpoint; {@code https}, or {@code http}
 *       only when the host is a loopback address.
 *   <li>{@value #CLIENT_ID}, {@value #CLIENT_SECRET} (required): this resource server's client
 *       credentials; the secret may be {@code env:NAME} or {@code file:/path}.
 *   <li>{@value #CLIENT_AUTHENTICATION}: {@code client_secret_basic} (default) or {@code
 *       client_secret_post} (RFC 6749 §2.3.1).
 *   <li>{@value #CONNECT_TIMEOUT} (default 2s) and {@value #READ_TIMEOUT} (default 5s): a call
 *       waits at most their sum, body included.
 *   <li>{@value #MAX_CONCURRENT_CALLS} (default 64): calls waiting for the server at once; beyond
 *       it a request fails at once with 503 instead of holding a thread.
 *   <li>{@value #MAX_RESPONSE_SIZE} (default 65536 bytes): a larger answer is not read further;
 *       {@value #MAX_TOKEN_LENGTH} (default 8192 characters): checked, with the token68 syntax,
 *       before any call.
 *   <li>{@value #CACHE_TTL} (default 60s): how long an active answer is trusted, never past the
 *       token's {@code exp}; {@value #NEGATIVE_CACHE_TTL} (default 10s) for refusals; {@value
 *       #CACHE_MAXIMUM_SIZE} (default 10000) entries.
 *   <li>{@value #STALE_IF_ERROR} (default 0, off): while the server is unavailable, a token's last
 *       active verdict may serve for this long after {@value #CACHE_TTL} ended, never past its
 *       {@code exp}; an inactive answer forgets it.
 *   <li>{@value #JWT_ISSUERS}: the {@code iss} values of JWTs that may be introspected; a
 *       JWT-shaped token of any other issuer is refused {@code 401 invalid_token} without a call,
 *       and an API key ({@code pc_...}) is never sent. Default none.
 *   <li>{@value #ISSUER}, {@value #AUDIENCE}: when set, the answer's {@code iss} must equal it and
 *       its {@code aud} must contain it.
 *   <li>{@value #PRINCIPAL_CLAIM} (default {@code sub}): the member that names the principal;
 *       {@value #ROLES_CLAIM}: the member holding roles (an array of strings or a space-delimited
 *       string).
 *   <li>{@value #CLOCK_SKEW} (default 30s): tolerance for an {@code nbf} slightly ahead of us.
 *   <li>{@value #TRUST_STORE}, {@value #TRUST_STORE_PASSWORD}: a PKCS#12 or JKS file of trusted
 *       certificates for the endpoint, instead of the JVM's default trust store.
 * </ul>
 *
 * <p>Only a JSON {@code true} in {@code active} is active (RFC 7662 §2.2). An active answer is then
 * refused with {@code 401 invalid_token} when its {@code token_type} is present and not {@code
 * Bearer}, when its {@code cnf} is not an object or holds a confirmation method other than a string
 * {@code x5t#S256} (a DPoP {@code jkt}, a {@code jwk}, ...: the filter verifies none of them), when
 * {@code iss} or {@code aud} do not match the configured values, when the principal member is
 * missing, when {@code exp} has passed or {@code nbf} is ahead (both checked again on every cache
 * hit). {@code scope} gives the scopes, {@code client_id} is kept as an attribute, and {@code
 * cnf.x5t#S256} binds the token to a client certificate (RFC 8705), which the filter enforces.
 *
 * <p>Verdicts are cached under a SHA-256 fingerprint of the endpoint and the token, never the token
 * itself; concurrent requests with the same new token make one call. An unreachable, slow,
 * redirecting or misbehaving authorization server is a {@link
 * dev.portcullis.ServiceUnavailableException} (503), never a 401, and nothing is cached for it.
 */
public final class IntrospectionAuthenticatorFactory implements AuthenticatorFactory {

  /** The mechanism name. */
  public static final String NAME = "introspection";

  /** Key of the introspection endpoint URI. */
  public static final String ENDPOINT = "endpoint";

  /** Key of the resource server's client id. */
  public static final String CLIENT_ID = "clientId";

  /** Key of the resource server's client secret. */
  public static final String CLIENT_SECRET = "clientSecret";

  /** Key of the client authentication method. */
  public static final String CLIENT_AUTHENTICATION = "clientAuthentication";

  /** Key of the connect timeout. */
  public static final String CONNECT_TIMEOUT = Keys.CONNECT_TIMEOUT;

  /** Key of the time allowed for the answer once connected. */
  public static final String READ_TIMEOUT = Keys.READ_TIMEOUT;

  /** Key of the largest number of calls waiting for the server at once. */
  public static final String MAX_CONCURRENT_CALLS = "maxConcurrentCalls";

  /** Key of the largest accepted answer, in bytes. */
  public static final String MAX_RESPONSE_SIZE = Keys.MAX_RESPONSE_SIZE;

  /** Key of the longest accepted token, in characters. */
  public static final String MAX_TOKEN_LENGTH = "maxTokenLength";

  /** Key of the longest time an active answer is cached. */
  public static final String CACHE_TTL = Keys.CACHE_TTL;

  /** Key of the time a refusal is cached. */
  public static final String NEGATIVE_CACHE_TTL = Keys.NEGATIVE_CACHE_TTL;

  /** Key of the cache's entry bound. */
  public static final String CACHE_MAXIMUM_SIZE = Keys.CACHE_MAXIMUM_SIZE;

  /** Key of the outage window in which a token's last active verdict may still serve. */
  public static final String STALE_IF_ERROR = "staleIfError";

  /**
   * Key of the issuers whose JWTs may be introspected. A JWT-shaped token of any other issuer is
   * refused {@code 401 invalid_token} without a call; default none.
   */
  public static final String JWT_ISSUERS = "jwtIssuers";

  /** Key of the expected {@code iss}. */
  public static final String ISSUER = "issuer";

  /** Key of the audience that {@code aud} must contain. */
  public static final String AUDIENCE = "audience";

  /**
   * Key of the audience check switch (default {@code true}); {@code false} opts out of {@value
   * #AUDIENCE}, with a warning at start-up.
   */
  public static final String AUDIENCE_CHECK = "audienceCheck";

  /** Key of the member naming the principal. */
  public static final String PRINCIPAL_CLAIM = "principalClaim";

  /** Key of the member holding roles. */
  public static final String ROLES_CLAIM = "rolesClaim";

  /** Key of the tolerance for {@code nbf}. */
  public static final String CLOCK_SKEW = "clockSkew";

  /** Key of the trust store file. */
  public static final String TRUST_STORE = TrustStores.TRUST_STORE;

  /** Key of the trust store password. */
  public static final String TRUST_STORE_PASSWORD = TrustStores.TRUST_STORE_PASSWORD;

  private static final System.Logger LOG =
      System.getLogger(IntrospectionAuthenticatorFactory.class.getName());

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public IntrospectionAuthenticatorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Makes no call to the authorization server, so deployment succeeds while it is down.
   */
  @Override
  public Set<String> settings() {
    return Set.of(
        ENDPOINT,
        CLIENT_ID,
        CLIENT_SECRET,
        CLIENT_AUTHENTICATION,
        CONNECT_TIMEOUT,
        READ_TIMEOUT,
        MAX_CONCURRENT_CALLS,
        MAX_RESPONSE_SIZE,
        MAX_TOKEN_LENGTH,
        CACHE_TTL,
        NEGATIVE_CACHE_TTL,
        CACHE_MAXIMUM_SIZE,
        STALE_IF_ERROR,
        ISSUER,
        AUDIENCE,
        PRINCIPAL_CLAIM,
        ROLES_CLAIM,
        CLOCK_SKEW,
        JWT_ISSUERS,
        AUDIENCE_CHECK,
        TRUST_STORE,
        TRUST_STORE_PASSWORD);
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    IntrospectionSettings settings = IntrospectionSettings.from(config);
    JsonReaderFactory json = JsonReaders.create();
    IntrospectionClient client = new IntrospectionClient(settings, json, environment.metrics());
    JwtIssuers jwtIssuers = new JwtIssuers(Set.copyOf(config.list(JWT_ISSUERS)), json);
    VerdictCache cache =
        VerdictCache.builder(IntrospectionVerdicts.EXPIRED)
            .positiveTtl(settings.cacheTtl())
            .negativeTtl(settings.negativeCacheTtl())
            .maximumSize(settings.cacheMaximumSize())
            .time(environment.clock(), environment.ticker())
            .build();
    environment.metrics().cache("introspection", cache);
    LOG.log(System.Logger.Level.INFO, "Portcullis introspection: " + settings);
    if (settings.audience().isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Portcullis introspection: "
              + config.key(AUDIENCE_CHECK)
              + "=false, tokens minted for any resource server of the authorization server are"
              + " accepted (RFC 9700 §2.3)");
    }
    IntrospectionVerdicts verdicts = new IntrospectionVerdicts(settings, environment.clock());
    StaleIfError stale =
        new StaleIfError(
            settings.staleIfError(),
            settings.cacheTtl(),
            settings.cacheMaximumSize(),
            environment.clock(),
            environment.ticker());
    Verifier<String> verifier =
        Verifier.rechecked(
            stale.fallingBack(
                Verifier.cached(
                    cache, stale.recording(introspecting(client, verdicts, jwtIssuers)))),
            verdicts::recheck);
    return new IntrospectionAuthenticator(
        environment, settings, client, verifier, cache::invalidateAll);
  }

  /** The back-end step: one introspection call, judged. */
  private static Verifier<String> introspecting(
      IntrospectionClient client, IntrospectionVerdicts verdicts, JwtIssuers jwtIssuers) {
    return (token, key) -> {
      if (!jwtIssuers.mayIntrospect(token)) {
        return AuthResult.rejected(JwtIssuers.UNKNOWN_ISSUER);
      }
      String fingerprint = Fingerprint.of(token);
      AuthResult verdict = verdicts.judge(client.introspect(token), fingerprint);
      LOG.log(
          System.Logger.Level.DEBUG,
          "Introspected token {0}: {1}",
          Fingerprint.forLog(fingerprint),
          verdict instanceof AuthResult.Rejected r ? r.error() : "active");
      return verdict;
    };
  }
}
