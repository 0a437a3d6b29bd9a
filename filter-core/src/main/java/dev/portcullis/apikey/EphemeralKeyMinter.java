package dev.portcullis.apikey;

import dev.portcullis.AuthError;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The policy of minting: the caller's principal, scopes no wider than the caller's, a lifetime cut
 * to the cap, an optional exact origin; never for a caller that itself holds an ephemeral key.
 */
final class EphemeralKeyMinter implements EphemeralKeys {
  /** The lifetime of a key when the request names none. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  /** The most scopes a request may name. */
  static final int MAX_SCOPES = 64;

  /** An RFC 6749 §3.3 scope token. */
  private static final Pattern SCOPE_TOKEN =
      Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

  /** A serialized origin (RFC 6454 §6.2) of http or https, lower case, no default port. */
  private static final Pattern ORIGIN =
      Pattern.compile("https?://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[1-9][0-9]{0,4})?");

  private final EphemeralKeyFormat format;
  private final Duration maxLifetime;
  private final Clock clock;

  EphemeralKeyMinter(EphemeralKeyFormat format, Duration maxLifetime, Clock clock) {
    this.format = format;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
  }

  @Override
  public Duration maxLifetime() {
    return maxLifetime;
  }

  @Override
  public Minted mint(Identity caller, Request request) {
    if (caller.attributes().containsKey(PARENT_ATTRIBUTE)) {
      throw new Refused(AuthError.forbidden().withReason("ephemeral_parent"));
    }
    Duration lifetime = request.lifetime() == null ? DEFAULT_LIFETIME : request.lifetime();
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw invalid("The lifetime must be positive");
    }
    if (lifetime.compareTo(maxLifetime) > 0) {
      lifetime = maxLifetime;
    }
    Instant now = clock.instant();
    Instant end = now.plus(lifetime);
    Instant expiresAt =
        Instant.ofEpochSecond(end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0)); // round up
    EphemeralClaims claims =
        new EphemeralClaims(
            EphemeralKeyFormat.nonce(),
            expiresAt,
            request.singleUse(),
            caller.fingerprint().map(Fingerprint::forLog).orElse("none"),
            caller.getName(),
            scopes(caller, request.scopes()),
            request.origin() == null ? null : origin(request.origin()));
    String key = format.encode(claims);
    if (key.length() > EphemeralKeyFormat.MAX_LENGTH) {
      throw invalid("The key would be too long");
    }
    return new Minted(key, expiresAt);
  }

  private static Set<String> scopes(Identity caller, Set<String> asked) {
    if (asked == null) {
      return caller.scopes();
    }
    if (asked.size() > MAX_SCOPES) {
      throw invalid("Too many scopes");
    }
    Set<String> missing = new TreeSet<>();
    for (String scope : asked) {
      if (!SCOPE_TOKEN.matcher(scope).matches()) {
        throw invalid("A scope is not a scope token");
      }
      if (!caller.scopes().contains(scope)) {
        missing.add(scope);
      }
    }
    if (!missing.isEmpty()) {
      throw new Refused(AuthError.insufficientScope(String.join(" ", missing)));
    }
    return new TreeSet<>(asked);
  }

  /** The origin as a browser serializes it: lower-case scheme and host, no default port. */
  static String origin(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw invalid("The origin is not an origin");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    String origin =
        scheme
            + "://"
            + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT))
            + (port < 0 || defaultPort ? "" : ":" + port);
    String rest = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!ORIGIN.matcher(origin).matches()
        || uri.getRawUserInfo() != null
        || !rest.isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || port > 65535) {
      throw invalid("The origin is not an origin");
    }
    return origin;
  }

  private static Refused invalid(String description) {
    return new Refused(AuthError.invalidRequest(description).withReason("invalid_mint_request"));
  }
}
