package dev.portcullis.introspection;

import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds introspection authenticators the way the filter does, and bearer requests for them. */
final class Fixture {
  static final String CLIENT_ID = "resource-server";
  static final String CLIENT_SECRET = "s3cret:+/=&%";

  /** The audience every fixture's settings require and {@link #active} answers carry. */
  static final String AUDIENCE = "orders";

  private Fixture() {}

  /**
   * The minimal settings for {@code endpoint} (the audience is required), mutable so tests add
   * their own.
   */
  static Map<String, String> settings(String endpoint) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("introspection.endpoint", endpoint);
    params.put("introspection.clientId", CLIENT_ID);
    params.put("introspection.clientSecret", CLIENT_SECRET);
    params.put("introspection.audience", AUDIENCE);
    return params;
  }

  static Authenticator create(Map<String, String> params, FakeTime time) {
    Config config = Config.of(params, name -> null);
    Authenticator authenticator =
        new IntrospectionAuthenticatorFactory()
            .create(config.child("introspection"), Environment.of("api", time, time, null));
    config.checkAllKnown();
    return authenticator;
  }

  static AuthenticationRequest bearer(String token) {
    return new AuthenticationRequest(
        FakeRequest.get("/api/me").header("Authorization", "Bearer " + token).build(),
        new Authorization("Bearer", token));
  }

  /**
   * An active answer for {@code sub} expiring {@code seconds} after {@code time}, for {@link
   * #AUDIENCE} unless {@code extra} holds its own {@code aud}.
   */
  static String active(FakeTime time, long seconds, String extra) {
    return "{\"active\":true,\"sub\":\"alice\",\"exp\":"
        + (time.instant().getEpochSecond() + seconds)
        + (extra.contains("\"aud\"") ? "" : ",\"aud\":\"" + AUDIENCE + "\"")
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }
}
