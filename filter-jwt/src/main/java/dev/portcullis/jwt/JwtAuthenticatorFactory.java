package dev.portcullis.jwt;

import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.CredentialShapes;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.config.Keys;
import dev.portcullis.config.TrustStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The {@code jwt} mechanism: {@code Authorization: Bearer} JWT access tokens (RFC 9068) verified
 * against each trusted issuer's JWKS.
 *
 * <p>One issuer is configured with keys directly under {@code jwt.} ({@code jwt.issuer}, {@code
 * jwt.audience}, ...). Several issuers are named in {@code jwt.issuers=a,b} and configured under
 * {@code jwt.a.}, {@code jwt.b.}; issuer keys directly under {@code jwt.} are then unknown and stop
 * deployment. Filter-wide keys ({@code jwt.maxTokenLength}, {@code jwt.opaqueTokens}, cache, JWKS
 * and HTTP limits) stay directly under {@code jwt.}. Nothing is fetched at start-up: keys load
 * lazily, so an identity provider that is down never fails deployment.
 */
public final class JwtAuthenticatorFactory implements AuthenticatorFactory {
  private static final System.Logger LOG =
      System.getLogger(JwtAuthenticatorFactory.class.getName());

  /** The mechanism name and key prefix. */
  public static final String NAME = "jwt";

  static final String ISSUERS = "issuers";
  static final String MAX_TOKEN_LENGTH = "maxTokenLength";
  static final String OPAQUE_TOKENS = "opaqueTokens";
  static final String CACHE_MAXIMUM_SIZE = Keys.CACHE_MAXIMUM_SIZE;
  static final String CACHE_TTL = Keys.CACHE_TTL;
  static final String NEGATIVE_CACHE_TTL = Keys.NEGATIVE_CACHE_TTL;
  static final String REFRESH_COOLDOWN = "jwksRefreshCooldown";
  static final String JWKS_MIN_TTL = "jwksMinTtl";
  static final String JWKS_MAX_TTL = "jwksMaxTtl";
  static final String JWKS_MAX_STALE = "jwksMaxStale";
  static final String JWKS_MAX_KEYS = "jwksMaxKeys";
  static final String JWKS_MAX_WAITING = "jwksMaxWaiting";
  static final String MAX_RESPONSE_SIZE = Keys.MAX_RESPONSE_SIZE;
  static final String CONNECT_TIMEOUT = Keys.CONNECT_TIMEOUT;
  static final String READ_TIMEOUT = Keys.READ_TIMEOUT;

  /** Keys of earlier releases, each with the key that replaced it. */
  static final Map<String, String> RENAMED =
      Map.of("cacheMaxSize", CACHE_MAXIMUM_SIZE, "maxResponseBytes", MAX_RESPONSE_SIZE);

  static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;
  static final String DEFAULT_OPAQUE_TOKENS = "reject";
  static final int DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;
  static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofSeconds(30);
  static final Duration DEFAULT_REFRESH_COOLDOWN = Duration.ofSeconds(30);
  static final Duration DEFAULT_JWKS_MIN_TTL = Duration.ofMinutes(5);
  static final Duration DEFAULT_JWKS_MAX_TTL = Duration.ofHours(24);
  static final Duration DEFAULT_JWKS_MAX_STALE = Duration.ofHours(24);
  static final int DEFAULT_JWKS_MAX_KEYS = 50;
  static final int DEFAULT_JWKS_MAX_WAITING = 16;
  static final int DEFAULT_MAX_RESPONSE_SIZE = 256 * 1024;
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public JwtAuthenticatorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  /** The filter-wide keys, the keys of an issuer, and the outbound trust store's. */
  @Override
  public Set<String> settings() {
    Set<String> keys =
        new TreeSet<>(
            Set.of(
                ISSUERS,
                MAX_TOKEN_LENGTH,
                OPAQUE_TOKENS,
                CACHE_MAXIMUM_SIZE,
                CACHE_TTL,
                NEGATIVE_CACHE_TTL,
                REFRESH_COOLDOWN,
                JWKS_MIN_TTL,
                JWKS_MAX_TTL,
                JWKS_MAX_STALE,
                JWKS_MAX_KEYS,
                JWKS_MAX_WAITING,
                MAX_RESPONSE_SIZE,
                CONNECT_TIMEOUT,
                READ_TIMEOUT,
                TrustStores.TRUST_STORE,
                TrustStores.TRUST_STORE_PASSWORD));
    keys.addAll(IssuerSettings.KEYS);
    return keys;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    RENAMED.forEach(config::renamed);
    int maxLength = config.integer(MAX_TOKEN_LENGTH, DEFAULT_MAX_TOKEN_LENGTH, 256, 65536);
    String opaque = config.string(OPAQUE_TOKENS).orElse(DEFAULT_OPAQUE_TOKENS);
    if (!opaque.equals("reject") && !opaque.equals("pass")) {
      throw config.invalid(OPAQUE_TOKENS, opaque, "expected reject or pass");
    }
    JwksSource.Limits limits =
        new JwksSource.Limits(
            config.duration(REFRESH_COOLDOWN, DEFAULT_REFRESH_COOLDOWN),
            config.duration(JWKS_MIN_TTL, DEFAULT_JWKS_MIN_TTL),
            config.duration(JWKS_MAX_TTL, DEFAULT_JWKS_MAX_TTL),
            config.duration(JWKS_MAX_STALE, DEFAULT_JWKS_MAX_STALE),
            config.integer(JWKS_MAX_KEYS, DEFAULT_JWKS_MAX_KEYS, 1, 1000),
            config.integer(JWKS_MAX_WAITING, DEFAULT_JWKS_MAX_WAITING, 0, 10_000));
    if (limits.minTtl().compareTo(limits.maxTtl()) > 0) {
      throw config.invalid(
          JWKS_MIN_TTL, limits.minTtl().toString(), "exceeds " + config.key(JWKS_MAX_TTL));
    }
    SSLContext ssl = TrustStores.sslContext(config);
    HttpFetcher fetcher =
        new HttpFetcher(
            config.positiveDuration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
            config.positiveDuration(READ_TIMEOUT, DEFAULT_READ_TIMEOUT),
            config.integer(MAX_RESPONSE_SIZE, DEFAULT_MAX_RESPONSE_SIZE, 1024, 16 * 1024 * 1024),
            ssl);
    VerdictCache cache =
        VerdictCache.builder(ClaimsCheck.EXPIRED)
            .maximumSize(
                config.integer(CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE, 1, 10_000_000))
            .positiveTtl(config.duration(CACHE_TTL, DEFAULT_CACHE_TTL))
            .negativeTtl(config.duration(NEGATIVE_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL))
            .time(environment.clock(), environment.ticker())
            .build();
    environment.metrics().cache("jwt", cache);
    ExecutorService background = backgroundExecutor();
    Map<String, Issuer> issuers = new LinkedHashMap<>();
    List<String> summary = new ArrayList<>();
    try {
      for (Config c : issuerConfigs(config)) {
        IssuerSettings s = IssuerSettings.read(c);
        KeyLocation location =
            s.jwksUri() != null
                ? KeyLocation.fixed(s.issuer(), s.jwksUri())
                : KeyLocation.discovered(s.issuer());
        JwksSource source =
            new JwksSource(
                s.issuer(),
                location,
                fetcher,
                limits,
                environment.ticker(),
                background,
                s.keyAlgorithms());
        Map<String, String> tags = Map.of("issuer", s.issuer());
        environment.metrics().gauge("jwks.ageSeconds", tags, source::ageSeconds);
        environment.metrics().gauge("jwks.lastFetchFailed", tags, source::lastFetchFailed);
        summary.add(
            s.issuer()
                + " keys="
                + (s.jwksUri() != null
                    ? s.jwksUri()
                    : s.sharedSecret() != null ? "secret" : "discovery")
                + " algorithms="
                + s.algorithms()
                + " keyAlgorithms="
                + KeyAlgorithms.describe(s.keyAlgorithms())
                + " types="
                + s.types());
        if (issuers.put(s.issuer(), new Issuer(s, source, new ClaimsCheck(s, environment.clock())))
            != null) {
          throw c.invalid(IssuerSettings.ISSUER, s.issuer(), "configured twice");
        }
      }
    } catch (RuntimeException e) {
      background.shutdownNow();
      fetcher.close();
      throw e;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "Portcullis jwt: issuers={0}, maxTokenLength={1}, opaqueTokens={2}, jwks={3}",
        summary,
        String.valueOf(maxLength),
        opaque,
        limits);
    boolean passOpaque = opaque.equals("pass");
    return new JwtAuthenticator(
        CredentialShapes.keyShapes(environment.servletContext()),
        new Challenge("Bearer", environment.realm()),
        issuers,
        Verifier.cached(cache, new IssuerRouting(issuers, passOpaque)),
        cache,
        maxLength,
        passOpaque,
        () -> {
          background.shutdownNow();
          fetcher.close();
        });
  }

  private static List<Config> issuerConfigs(Config config) {
    List<String> names = config.list(ISSUERS);
    if (names.isEmpty()) {
      return List.of(config);
    }
    for (String n : names) {
      if (!n.matches("[a-zA-Z][a-zA-Z0-9]*") || names.indexOf(n) != names.lastIndexOf(n)) {
        throw config.invalid(ISSUERS, n, "expected distinct camelCase names");
      }
    }
    return names.stream().map(config::child).toList();
  }

  private static ExecutorService backgroundExecutor() {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(8),
        r -> {
          Thread t = new Thread(r, "portcullis-jwks-refresh");
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.DiscardPolicy());
  }
}
