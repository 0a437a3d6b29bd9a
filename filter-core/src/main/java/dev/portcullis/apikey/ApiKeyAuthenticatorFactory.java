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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@value #PREFIXES}: the key prefixes accepted, comma-separated, default {@code pc_}; each a
 *       letter then up to 31 letters, digits, {@code _} or {@code -} (for example {@code
 *       sk_live_}). A credential with one of them is this mechanism's alone under any scheme.
 *   <li>{@value #IMPORTED_PREFIXES}: prefixes of keys imported from another system (for example
 *       {@code sk-}), comma-separated, none by default. Such keys have any format and no id: they
 *       are looked up by hash ({@link ApiKeyStore#findByHash}); set {@value #PEPPER} for them. An
 *       imported prefix that starts or is started by another one, imported or not (for example
 *       {@code sk_} beside {@code sk_live_}), stops deployment.
 *   <li>{@value #HEADERS}: the key headers, comma-separated, default {@code X-API-Key,
 *       x-goog-api-key, api-key}; {@value #HEADER} names a single one instead (not both).
 *   <li>{@value #SCHEMES}: the {@code Authorization} schemes read, comma-separated, from {@code
 *       ApiKey} (always read), {@code Bearer} and {@code Basic} (the key as user name, an empty
 *       password; no Basic challenge is sent); default {@code ApiKey}. The {@code ApiKey} scheme is
 *       a de-facto convention, not an IANA-registered HTTP authentication scheme.
 *   <li>{@value #QUERY_PARAMETER}: a query parameter carrying the key; off unless set (query
 *       strings end up in logs and browser history).
 *   <li>{@value #PEPPER}: a secret of at least 32 characters ({@code env:NAME} or {@code
 *       file:/path}); when set, stored hashes are HMAC-SHA-256 with it instead of SHA-256.
 *   <li>{@code ephemeralSecret} (at least 32 bytes, shared by every node; off when unset), {@code
 *       ephemeralPrefix} (default {@code ek_}), {@code ephemeralMaxLifetime} (default {@code 10m}):
 *       ephemeral keys for browsers ({@link dev.portcullis.EphemeralKeys}).
 *   <li>{@value #ADMIN_ROLE}: the role the key admin API ({@code dev.portcullis.admin}) requires;
 *       unset (the default) leaves that API off. With a store that can be changed, the filter puts
 *       a {@link KeyAdministration} in the servlet context for it and the leaked-key endpoint.
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

  /** Key of the single key header (instead of {@link #HEADERS}). */
  public static final String HEADER = "header";

  /** Key of the key headers. */
  public static final String HEADERS = "headers";

  /** Key of the accepted key prefixes. */
  public static final String PREFIXES = "prefixes";

  /** Key of the prefixes of imported keys, looked up by hash. */
  public static final String IMPORTED_PREFIXES = "importedPrefixes";

  /** Key of the Authorization schemes read. */
  public static final String SCHEMES = "schemes";

  /** Default key headers. */
  public static final List<String> DEFAULT_HEADERS =
      List.of("X-API-Key", "x-goog-api-key", "api-key");

  /** Default key prefix. */
  public static final String DEFAULT_PREFIX = ApiKeyFormat.DEFAULT_PREFIX;

  /** Key of the optional query parameter. */
  public static final String QUERY_PARAMETER = "queryParameter";

  /** Key of the HMAC pepper secret. */
  public static final String PEPPER = "pepper";

  /** Key of the role the key admin API requires. */
  public static final String ADMIN_ROLE = "adminRole";

  /** Key of the positive cache TTL. */
  public static final String CACHE_TTL = Keys.CACHE_TTL;

  /** Key of the negative cache TTL. */
  public static final String NEGATIVE_CACHE_TTL = Keys.NEGATIVE_CACHE_TTL;

  /** Key of the cache size bound. */
  public static final String CACHE_MAXIMUM_SIZE = Keys.CACHE_MAXIMUM_SIZE;

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
                ADMIN_ROLE,
                HEADER,
                HEADERS,
                PREFIXES,
                IMPORTED_PREFIXES,
                SCHEMES,
                QUERY_PARAMETER,
                PEPPER,
                CACHE_TTL,
                NEGATIVE_CACHE_TTL,
                CACHE_MAXIMUM_SIZE));
    keys.addAll(EphemeralKeySettings.KEYS);
    ServiceLoader.load(ApiKeyStoreFactory.class, ApiKeyAuthenticatorFactory.class.getClassLoader())
        .forEach(store -> keys.addAll(store.settings()));
    return keys;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    ApiKeyTransports transports = transports(config);
    List<String> prefixes = prefixes(config, PREFIXES);
    if (prefixes.isEmpty()) {
      prefixes = List.of(DEFAULT_PREFIX);
    }
    List<String> imported = prefixes(config, IMPORTED_PREFIXES);
    checkOverlap(config, prefixes, imported);
    ApiKeyFormat format = new ApiKeyFormat(prefixes, imported);
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
    EphemeralKeySettings.Ephemeral ephemeral =
        EphemeralKeySettings.orNull(config, environment, format, store);
    ApiKeyAuthenticator authenticator =
        new ApiKeyAuthenticator(
            environment.realm(),
            format,
            transports,
            store,
            hasher,
            StoredKeyVerifier.cached(store, cache, environment.clock()),
            environment.clock(),
            ephemeral);
    KeyWiring.wire(
        authenticator,
        store,
        cache,
        environment,
        new KeyWiring.Keys(format, prefixes.get(0), hasher, config.string(ADMIN_ROLE)));
    return authenticator;
  }

  private static List<String> prefixes(Config config, String key) {
    List<String> prefixes = config.list(key);
    for (String prefix : prefixes) {
      if (!ApiKeyFormat.PREFIX.matcher(prefix).matches()) {
        throw config.invalid(
            key, prefix, "expected a letter then up to 31 letters, digits, _ or -");
      }
    }
    return prefixes;
  }

  /**
   * Refuses an imported prefix that starts, or is started by, another imported prefix or a checksum
   * prefix: a mistyped checksum key would pass for an imported one and cost a hash lookup, and two
   * imported prefixes where one covers the other are a mistake in the list.
   */
  private static void checkOverlap(Config config, List<String> prefixes, List<String> imported) {
    for (int i = 0; i < imported.size(); i++) {
      String prefix = imported.get(i);
      for (String other : prefixes) {
        if (overlap(prefix, other)) {
          throw config.invalid(
              IMPORTED_PREFIXES,
              prefix,
              "overlaps [" + other + "] of " + config.key(PREFIXES) + "; one starts the other");
        }
      }
      for (String other : imported.subList(i + 1, imported.size())) {
        if (overlap(prefix, other)) {
          throw config.invalid(
              IMPORTED_PREFIXES,
              prefix,
              "overlaps [" + other + "] of the same list; one starts the other");
        }
      }
    }
  }

  private static boolean overlap(String a, String b) {
    return a.startsWith(b) || b.startsWith(a);
  }

  private static ApiKeyTransports transports(Config config) {
    if (config.string(HEADER).isPresent() && config.string(HEADERS).isPresent()) {
      throw config.invalid(
          HEADER, config.string(HEADER).get(), "set " + HEADERS + " or this, not both");
    }
    String key = config.string(HEADER).isPresent() ? HEADER : HEADERS;
    List<String> headers = config.list(key);
    Map<String, String> distinct = new LinkedHashMap<>();
    for (String header : headers.isEmpty() ? DEFAULT_HEADERS : headers) {
      if (header.equalsIgnoreCase("Authorization")
          || !header
              .chars()
              .allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
        throw config.invalid(key, header, "expected a header name other than Authorization");
      }
      distinct.putIfAbsent(header.toLowerCase(Locale.ROOT), header);
    }
    Set<String> schemes = new HashSet<>();
    for (String scheme : config.list(SCHEMES)) {
      if (!List.of("apikey", "bearer", "basic").contains(scheme.toLowerCase(Locale.ROOT))) {
        throw config.invalid(SCHEMES, scheme, "expected ApiKey, Bearer or Basic");
      }
      schemes.add(scheme.toLowerCase(Locale.ROOT));
    }
    return new ApiKeyTransports(
        List.copyOf(distinct.values()),
        schemes.contains("bearer"),
        schemes.contains("basic"),
        config.string(QUERY_PARAMETER).orElse(null));
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
    String name = config.string(STORE).orElse(FileApiKeyStoreFactory.NAME);
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
