package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test mechanism {@value #NAME}: API keys in {@code Authorization: ApiKey} or the header named by
 * {@code fakeKey.header} (default {@code X-API-Key}). Key {@code k1} is bob with scope {@code
 * orders:read}; anything else is rejected as {@code invalid_token}.
 */
public final class FakeKeyFactory implements AuthenticatorFactory {
  static final String NAME = "fakeKey";
  static final String INVALID = "The API key is invalid";

  /** The environment of the last authenticator created, for the wiring tests. */
  static final AtomicReference<Environment> LAST_ENVIRONMENT = new AtomicReference<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    LAST_ENVIRONMENT.set(environment);
    String header = config.string("header").orElse("X-API-Key");
    Challenge challenge = new Challenge("ApiKey", environment.realm());
    return new Authenticator() {
      @Override
      public Optional<Challenge> challenge() {
        return Optional.of(challenge);
      }

      @Override
      public Set<String> presentedSources(AuthenticationRequest request) {
        Set<String> sources = new HashSet<>();
        request.credentials("ApiKey").ifPresent(k -> sources.add("authorization"));
        if (request.servletRequest().getHeader(header) != null) {
          sources.add("header:" + header);
        }
        return sources;
      }

      @Override
      public AuthResult authenticate(AuthenticationRequest request) {
        Optional<String> key =
            request
                .credentials("ApiKey")
                .or(() -> Optional.ofNullable(request.servletRequest().getHeader(header)));
        if (key.isEmpty()) {
          return AuthResult.notAttempted();
        }
        if (!key.get().equals("k1")) {
          return AuthResult.rejected(AuthError.invalidToken(INVALID));
        }
        return AuthResult.authenticated(
            Identity.builder("bob", NAME, "ApiKey").scopes(List.of("orders:read")).build());
      }
    };
  }
}
