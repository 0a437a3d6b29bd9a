package dev.portcullis.stub;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Test mechanism {@code bearerStub}: accepts the bearer token {@code good}, rejects others. */
public final class BearerStubFactory implements AuthenticatorFactory {
  @Override
  public String name() {
    return "bearerStub";
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
      public AuthResult authenticate(AuthenticationRequest request) {
        Optional<String> token = request.credentials("Bearer");
        if (token.isEmpty()) {
          return AuthResult.notAttempted();
        }
        if (!token.get().equals("good")) {
          return AuthResult.rejected(AuthError.invalidToken("The access token is invalid"));
        }
        return AuthResult.authenticated(
            Identity.builder("stub-user", "bearerStub", "Bearer")
                .scopes(List.of("orders:read"))
                .build());
      }
    };
  }
}
