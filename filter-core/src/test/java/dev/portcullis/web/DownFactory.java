package dev.portcullis.web;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.Optional;
import java.util.Set;

/**
 * Test mechanism {@value #NAME}: a bearer mechanism whose back end is unreachable, so every
 * presented token ends in {@link ServiceUnavailableException}.
 */
public final class DownFactory implements AuthenticatorFactory {
  static final String NAME = "down";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    Challenge challenge = new Challenge("Bearer", environment.realm());
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
      public AuthResult authenticate(AuthenticationRequest request)
          throws ServiceUnavailableException {
        if (request.credentials("Bearer").isEmpty()) {
          return AuthResult.notAttempted();
        }
        throw new ServiceUnavailableException("Introspection endpoint refused the connection");
      }
    };
  }
}
