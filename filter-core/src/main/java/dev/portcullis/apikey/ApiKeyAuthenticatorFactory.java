package dev.portcullis.apikey;

import dev.portcullis.Authenticator;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.Keys;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code apiKey} mechanism. Settings (prefix {@code apiKey.}):
 *
 * <ul>
 *   <li>{@value #STORE}: key store name, default {@code file} (see {@link FileApiKeyStoreFactory});
 *       others plug in through {@link ApiKeyStoreFactory}. The settings of the stores not selected
 *       are ignored, so {@code apiKey.store=${NAME:file}} can switch stores by environment.
 *   <li>{@value #HEADER}: the key header, default {@code X-API-Key}. {@code Authorization: ApiKey
 *       <key>} is always accepted. The {@code ApiKey} scheme is a de-facto convention, not an
 *       IANA-registered HTTP authentication scheme.
 *   <li>{@value #QUERY_PARAMETER}: a query parameter carrying the key; off unless set (query
 *       strings end up in logs and browser history).
 *   <li>{@value #PEPPER}: a secret of at least 32 characters ({@code env:NAME} or {@code
 *       file:/path}); when set, stored hashes are HMAC-SHA-256 with it instead of SHA-256.
 *   <li>{@value #CACHE_TTL} (default {@code 5m}), {@value #NEGATIVE_CACHE_TTL} (default {@code
 *       30s}), {@value #CACHE_MAXIMUM_SIZE} (default 10000): the verdict cache. Revocation takes
 *       effect within the cache TTL, or at once when the store reports a change.
 * </ul>
 */
public final class ApiKeyAuthenticatorFactory implements AuthenticatorFactory {
  private static final System.Logger LOG =
      System.getLogger(ApiKeyAuthenticatorFactory.class.getName());

  /** Key of the store name. */
  public static final String STORE = "store";

  /** Key of the key header. */
  public static final String HEADER = "header";

  /** Key of the optional query parameter. */
  public static final String QUERY_PARAMETER = "queryParameter";

  /** Key of the HMAC pepper secret. */
  public static final String PEPPER = "pepper";

  /** Key of the positive cache TTL. */
  public static final String CACHE_TTL = Keys.CACHE_TTL;

  /** Key of the negative cache TTL. */
  public static final String NEGATIVE_CACHE_TTL = Keys.NEGATIVE_CACHE_TTL;

  /** Key of the cache size bound. */
  public static final String CACHE_MAXIMUM_SIZE = Keys.CACHE_MAXIMUM_SIZE;

  /** Default key header. */
  public static final String DEFAULT_HEADER = "X-API-Key";

  /** Default positive cache TTL. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  /** Default negative cache TTL. */
  public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofSeconds(30);

  /** Default cache size bound. */
  public static final int DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;

  @Override
  public String name() {
    return "apiKey";
  }

  /** The keys of this mechanism and of every key store on the class path. */
  @Override
  public Set<String> settings() {
    Set<String> keys =
        new TreeSet<>(
            Set.of(
                STORE,
                HEADER,
                QUERY_PARAMETER,
                PEPPER,
                CACHE_TTL,
                NEGATIVE_CACHE_TTL,
                CACHE_MAXIMUM_SIZE));
    ServiceLoader.load(ApiKeyStoreFactory.class, ApiKeyAuthenticatorFactory.class.getClassLoader())
        .forEach(store -> keys.addAll(store.settings()));
    return keys;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    String header = config.string(HEADER).orElse(DEFAULT_HEADER);
    if (header.equalsIgnoreCase("Authorization")
        || !header
            .chars()
            .allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw config.invalid(HEADER, header, "expected a header name other than Authorization");
    }
    String query = config.string(QUERY_PARAMETER).orElse(null);
    ApiKeyHasher hasher =
        config.secret(PEPPER).map(p -> pepper(config, p)).orElseGet(ApiKeyHasher::sha256);
    VerdictCache cache =
        VerdictCache.builder(ApiKeyAuthenticator.INVALID)
            .positiveTtl(config.duration(CACHE_TTL, DEFAULT_CACHE_TTL))
            .negativeTtl(config.duration(NEGATIVE_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL))
            .maximumSize(
                config.integer(CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE, 1, 10_000_000))
            .time(environment.clock(), environment.ticker())
            .build();
    environment.metrics().cache("apiKey", cache);
    ApiKeyStore store = store(config, environment);
    return new ApiKeyAuthenticator(
        environment.realm(), header, query, store, hasher, cache, environment.clock());
  }

  private static ApiKeyHasher pepper(Config config, String pepper) {
    if (pepper.length() < ApiKeyHasher.MIN_PEPPER_LENGTH) {
      throw new ConfigurationException(
          "Setting "
              + config.key(PEPPER)
              + " must be at least "
              + ApiKeyHasher.MIN_PEPPER_LENGTH
              + " characters");
    }
    return ApiKeyHasher.hmac(pepper);
  }

  private static ApiKeyStore store(Config config, Environment environment) {
    String name = config.string(STORE).orElse("file");
    Map<String, ApiKeyStoreFactory> factories = new LinkedHashMap<>();
    ClassLoader loader =
        environment
            .servletContext()
            .map(ServletContext::getClassLoader)
            .orElse(ApiKeyAuthenticatorFactory.class.getClassLoader());
    for (ApiKeyStoreFactory f : ServiceLoader.load(ApiKeyStoreFactory.class, loader)) {
      factories.putIfAbsent(f.name(), f);
    }
    ApiKeyStoreFactory factory = factories.get(name);
    if (factory == null) {
      throw config.invalid(STORE, name, "no such key store; available: " + factories.keySet());
    }
    for (ApiKeyStoreFactory other : factories.values()) {
      for (String key : other.settings()) {
        if (other != factory && !factory.settings().contains(key) && config.ignore(key)) {
          LOG.log(
              System.Logger.Level.INFO,
              "Setting {0} ignored: {1} is {2}",
              config.key(key),
              config.key(STORE),
              name);
        }
      }
    }
    return factory.create(config, environment);
  }
}
