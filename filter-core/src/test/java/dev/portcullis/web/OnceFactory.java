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
import dev.portcullis.grid.Grid;
import dev.portcullis.grid.GridUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Test mechanism {@value #NAME}: a Bearer token is good once per {@link #TTL} (a mark in the
 * filter's grid, space {@value #SPACE}); the token {@code down} throws {@link
 * GridUnavailableException}.
 */
public final class OnceFactory implements AuthenticatorFactory {
  static final String NAME = "once";
  static final String SPACE = "test.once";
  static final Duration TTL = Duration.ofMinutes(1);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    Challenge challenge = new Challenge("Bearer", environment.realm());
    Grid grid = environment.grid();
    return new Authenticator() {
      @Override
      public Optional<Challenge> challenge() {
        return Optional.of(challenge);
      }

      @Override
      public Set<String> presentedSources(AuthenticationRequest request) {
        return request.credentials("Bearer").isPresent() ? Set.of("authorization") : Set.of();
      }

      @Override
      public AuthResult authenticate(AuthenticationRequest request) {
        Optional<String> token = request.credentials("Bearer");
        if (token.isEmpty()) {
          return AuthResult.notAttempted();
        }
        if (token.get().equals("down")) {
          throw new GridUnavailableException("Grid cluster lost", null);
        }
        if (!grid.firstUse(SPACE, token.get(), TTL)) {
          return AuthResult.rejected(AuthError.invalidToken("The token was used before"));
        }
        return AuthResult.authenticated(Identity.builder("alice", NAME, "Bearer").build());
      }
    };
  }
}
