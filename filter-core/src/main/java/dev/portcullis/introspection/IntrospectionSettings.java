package dev.portcullis.introspection;

import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.AUDIENCE;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.AUDIENCE_CHECK;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CACHE_MAXIMUM_SIZE;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CACHE_TTL;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_AUTHENTICATION;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_ID;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLIENT_SECRET;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CLOCK_SKEW;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.CONNECT_TIMEOUT;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.ENDPOINT;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.ISSUER;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.MAX_CONCURRENT_CALLS;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.MAX_RESPONSE_SIZE;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.MAX_TOKEN_LENGTH;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.NEGATIVE_CACHE_TTL;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.PRINCIPAL_CLAIM;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.READ_TIMEOUT;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.ROLES_CLAIM;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.STALE_IF_ERROR;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.TRUST_STORE;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.TrustStores;
import dev.portcullis.http.Endpoints;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The validated settings of the introspection mechanism. {@link #toString()} is the start-up log
 * line and never shows the client secret.
 */
record IntrospectionSettings(
    URI endpoint,
    String clientId,
    String clientSecret,
    ClientAuthentication clientAuthentication,
    Duration connectTimeout,
    Duration readTimeout,
    int maxConcurrentCalls,
    int maxResponseSize,
    int maxTokenLength,
    Duration cacheTtl,
    Duration negativeCacheTtl,
    int cacheMaximumSize,
    Duration staleIfError,
    Optional<String> issuer,
    Optional<String> audience,
    String principalClaim,
    Optional<String> rolesClaim,
    Duration clockSkew,
    Optional<String> trustStore,
    SSLContext sslContext) {

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
  static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;
  static final int DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024;
  static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;
  static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
  static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofSeconds(10);
  static final int DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;
  static final String DEFAULT_PRINCIPAL_CLAIM = "sub";
  static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  static final Duration DEFAULT_STALE_IF_ERROR = Duration.ZERO;
  static final boolean DEFAULT_AUDIENCE_CHECK = true;

  /** How the resource server authenticates to the introspection endpoint (RFC 6749 §2.3.1). */
  enum ClientAuthentication {
    CLIENT_SECRET_BASIC,
    CLIENT_SECRET_POST;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static IntrospectionSettings from(Config config) {
    URI endpoint = endpoint(config);
    String authentication =
        config
            .string(CLIENT_AUTHENTICATION)
            .orElse(ClientAuthentication.CLIENT_SECRET_BASIC.value());
    ClientAuthentication method =
        switch (authentication) {
          case "client_secret_basic" -> ClientAuthentication.CLIENT_SECRET_BASIC;
          case "client_secret_post" -> ClientAuthentication.CLIENT_SECRET_POST;
          default ->
              throw config.invalid(
                  CLIENT_AUTHENTICATION,
                  authentication,
                  "expected client_secret_basic or client_secret_post");
        };
    String clientSecret =
        config
            .secret(CLIENT_SECRET)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "Missing required setting " + config.key(CLIENT_SECRET)));
    Optional<String> trustStore = config.string(TRUST_STORE);
    return new IntrospectionSettings(
        endpoint,
        config.required(CLIENT_ID),
        clientSecret,
        method,
        config.positiveDuration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT),
        config.positiveDuration(READ_TIMEOUT, DEFAULT_READ_TIMEOUT),
        config.integer(MAX_CONCURRENT_CALLS, DEFAULT_MAX_CONCURRENT_CALLS, 1, 10_000),
        config.integer(MAX_RESPONSE_SIZE, DEFAULT_MAX_RESPONSE_SIZE, 256, 16 * 1024 * 1024),
        config.integer(MAX_TOKEN_LENGTH, DEFAULT_MAX_TOKEN_LENGTH, 16, 64 * 1024),
        config.duration(CACHE_TTL, DEFAULT_CACHE_TTL),
        config.duration(NEGATIVE_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL),
        config.integer(CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE, 1, Integer.MAX_VALUE),
        config.duration(STALE_IF_ERROR, DEFAULT_STALE_IF_ERROR),
        config.string(ISSUER),
        audience(config),
        config.string(PRINCIPAL_CLAIM).orElse(DEFAULT_PRINCIPAL_CLAIM),
        config.string(ROLES_CLAIM),
        config.duration(CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
        trustStore,
        TrustStores.sslContext(config));
  }

  /**
   * The required audience, or empty when {@value IntrospectionAuthenticatorFactory#AUDIENCE_CHECK}
   * is {@code false}; both at once contradict.
   */
  private static Optional<String> audience(Config config) {
    Optional<String> audience = config.string(AUDIENCE);
    boolean check = config.bool(AUDIENCE_CHECK, DEFAULT_AUDIENCE_CHECK);
    if (check && audience.isEmpty()) {
      throw new ConfigurationException(
          "Missing required setting "
              + config.key(AUDIENCE)
              + " (the audience this resource server's tokens carry, RFC 9700 §2.3; or "
              + config.key(AUDIENCE_CHECK)
              + "=false to accept tokens of any audience)");
    }
    if (!check && audience.isPresent()) {
      throw config.invalid(
          AUDIENCE_CHECK, "false", "contradicts " + config.key(AUDIENCE) + ", remove one of them");
    }
    return audience;
  }

  private static URI endpoint(Config config) {
    String value = config.required(ENDPOINT);
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw config.invalid(ENDPOINT, value, "not a URI");
    }
    if (uri.getScheme() == null
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawFragment() != null) {
      throw config.invalid(ENDPOINT, value, "expected https://host/path without user or fragment");
    }
    if (!Endpoints.allowed(uri)) {
      throw config.invalid(ENDPOINT, value, "must be https (http only for a loopback host)");
    }
    return uri;
  }

  @Override
  public String toString() {
    return "endpoint="
        + endpoint
        + ", clientId="
        + clientId
        + ", clientSecret=<redacted>, clientAuthentication="
        + clientAuthentication.value()
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxConcurrentCalls="
        + maxConcurrentCalls
        + ", maxResponseSize="
        + maxResponseSize
        + ", maxTokenLength="
        + maxTokenLength
        + ", cacheTtl="
        + cacheTtl
        + ", negativeCacheTtl="
        + negativeCacheTtl
        + ", cacheMaximumSize="
        + cacheMaximumSize
        + ", staleIfError="
        + staleIfError
        + ", issuer="
        + issuer.orElse("-")
        + ", audience="
        + audience.orElse("- (audienceCheck=false)")
        + ", principalClaim="
        + principalClaim
        + ", rolesClaim="
        + rolesClaim.orElse("-")
        + ", clockSkew="
        + clockSkew
        + ", trustStore="
        + trustStore.orElse("JVM default");
  }
}
