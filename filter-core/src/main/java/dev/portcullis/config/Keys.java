package dev.portcullis.config;

/**
 * The configuration vocabulary shared by every mechanism: one name per concept, so that a setting
 * means the same under {@code apiKey.}, {@code introspection.}, {@code jwt.} and {@code mtls.}.
 * Each mechanism's factory re-exports the keys it reads under the same constant names.
 */
public final class Keys {
  /** Key of the longest time an accepted credential's verdict is cached (a duration). */
  public static final String CACHE_TTL = "cacheTtl";

  /** Key of the time a refused credential's verdict is cached (a duration). */
  public static final String NEGATIVE_CACHE_TTL = "negativeCacheTtl";

  /** Key of the most verdicts the cache holds. */
  public static final String CACHE_MAXIMUM_SIZE = "cacheMaximumSize";

  /** Key of the largest response body read from a remote party, in bytes. */
  public static final String MAX_RESPONSE_SIZE = "maxResponseSize";

  /** Key of the bound on opening a connection to a remote party (a duration). */
  public static final String CONNECT_TIMEOUT = "connectTimeout";

  /** Key of the bound on waiting for a remote party's answer (a duration). */
  public static final String READ_TIMEOUT = "readTimeout";

  /**
   * Key of the trust store for outbound TLS (identity provider, JWKS, introspection): always the
   * servers this library calls, never the clients that call it.
   */
  public static final String TRUST_STORE = "trustStore";

  /** Key of the secret ({@code env:NAME}, {@code file:/path}) that opens {@link #TRUST_STORE}. */
  public static final String TRUST_STORE_PASSWORD = "trustStorePassword";

  private Keys() {}
}
