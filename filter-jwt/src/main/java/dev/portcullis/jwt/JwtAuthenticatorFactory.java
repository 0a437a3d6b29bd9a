package dev.portcullis.jwt;

import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.config.TrustStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  static final String CACHE_MAX_SIZE = "cacheMaxSize";
  static final String CACHE_TTL = "cacheTtl";
  static final String NEGATIVE_CACHE_TTL = "negativeCacheTtl";
  static final String REFRESH_COOLDOWN = "jwksRefreshCooldown";
  static final String JWKS_MIN_TTL = "jwksMinTtl";
  static final String JWKS_MAX_TTL = "jwksMaxTtl";
  static final String JWKS_MAX_STALE = "jwksMaxStale";
  static final String JWKS_MAX_KEYS = "jwksMaxKeys";
  static final String JWKS_MAX_WAITING = "jwksMaxWaiting";
  static final String MAX_RESPONSE_BYTES = "maxResponseBytes";
  static final String CONNECT_TIMEOUT = "connectTimeout";
  static final String READ_TIMEOUT = "readTimeout";

  static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

  /** Creates the factory; {@link java.util.ServiceLoader} calls this. */
  public JwtAuthenticatorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    int maxLength = config.integer(MAX_TOKEN_LENGTH, DEFAULT_MAX_TOKEN_LENGTH, 256, 65536);
    String opaque = config.string(OPAQUE_TOKENS).orElse("reject");
    if (!opaque.equals("reject") && !opaque.equals("pass")) {
      throw config.invalid(OPAQUE_TOKENS, opaque, "expected reject or pass");
    }
    JwksSource.Limits limits =
        new JwksSource.Limits(
            config.duration(REFRESH_COOLDOWN, Duration.ofSeconds(30)),
            config.duration(JWKS_MIN_TTL, Duration.ofMinutes(5)),
            config.duration(JWKS_MAX_TTL, Duration.ofHours(24)),
            config.duration(JWKS_MAX_STALE, Duration.ofHours(24)),
            config.integer(JWKS_MAX_KEYS, 50, 1, 1000),
            config.integer(JWKS_MAX_WAITING, 16, 0, 10_000));
    if (limits.minTtl().compareTo(limits.maxTtl()) > 0) {
      throw config.invalid(
          JWKS_MIN_TTL, limits.minTtl().toString(), "exceeds " + config.key(JWKS_MAX_TTL));
    }
    SSLContext ssl = TrustStores.sslContext(config);
    HttpFetcher fetcher =
        new HttpFetcher(
            config.positiveDuration(CONNECT_TIMEOUT, Duration.ofSeconds(2)),
            config.positiveDuration(READ_TIMEOUT, Duration.ofSeconds(5)),
            config.integer(MAX_RESPONSE_BYTES, 256 * 1024, 1024, 16 * 1024 * 1024),
            ssl);
    VerdictCache cache =
        VerdictCache.builder(ClaimsCheck.EXPIRED)
            .maximumSize(config.integer(CACHE_MAX_SIZE, 10_000, 1, 10_000_000))
            .positiveTtl(config.duration(CACHE_TTL, Duration.ofMinutes(5)))
            .negativeTtl(config.duration(NEGATIVE_CACHE_TTL, Duration.ofSeconds(30)))
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
            new JwksSource(s.issuer(), location, fetcher, limits, environment.ticker(), background);
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
    return new JwtAuthenticator(
        new Challenge("Bearer", environment.realm()),
        issuers,
        cache,
        maxLength,
        opaque.equals("pass"),
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
