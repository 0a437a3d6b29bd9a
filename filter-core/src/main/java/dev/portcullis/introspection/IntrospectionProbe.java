package dev.portcullis.introspection;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness of an introspection endpoint, checked for real: a random token that no server knows is
 * introspected with this resource server's own credentials, so the probe proves reachability, a
 * JSON answer and accepted client credentials. One probe per {@link #INTERVAL} at most; callers in
 * between get the last result.
 */
final class IntrospectionProbe {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String endpoint;
  private final IntrospectionClient client;
  private final Ticker ticker;
  private Readiness last;
  private long lastAt;

  IntrospectionProbe(String endpoint, IntrospectionClient client, Ticker ticker) {
    this.endpoint = endpoint;
    this.client = client;
    this.ticker = ticker;
  }

  synchronized Readiness check() {
    long now = ticker.read();
    if (last != null && now - lastAt < INTERVAL.toNanos()) {
      return last;
    }
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    String token = "readiness-probe-" + Base64.getUrlEncoder().encodeToString(random);
    Map<String, String> data = new LinkedHashMap<>();
    boolean up;
    try {
      client.introspect(token);
      up = true;
    } catch (ServiceUnavailableException e) {
      up = false;
      data.put("error", String.valueOf(e.getMessage()));
    }
    data.put("latencyMillis", Long.toString(Duration.ofNanos(ticker.read() - now).toMillis()));
    last = new Readiness("introspection " + endpoint, up, data);
    lastAt = now;
    return last;
  }
}
