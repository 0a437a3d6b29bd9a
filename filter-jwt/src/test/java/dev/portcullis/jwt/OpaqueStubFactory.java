package dev.portcullis.jwt;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.Optional;
import java.util.Set;

/**
 * A test-only bearer mechanism standing in for introspection: it accepts the opaque token {@code
 * opaque-good}, so {@code jwt.opaqueTokens=pass} can be tested through the whole filter.
 */
public final class OpaqueStubFactory implements AuthenticatorFactory {

  @Override
  public String name() {
    return "opaqueStub";
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
        return request
            .credentials("Bearer")
            .map(
                t ->
                    t.equals("opaque-good")
                        ? AuthResult.authenticated(
                            Identity.builder("opaque-user", "opaqueStub", "Bearer").build())
                        : AuthResult.rejected(ClaimsCheck.INVALID))
            .orElse(AuthResult.notAttempted());
      }
    };
  }
}
