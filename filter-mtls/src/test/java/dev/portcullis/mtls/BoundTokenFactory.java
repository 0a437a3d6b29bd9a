package dev.portcullis.mtls;

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
 * Test-only mechanism {@code boundToken}: {@code Authorization: Bearer <x5t#S256>} stands for a
 * certificate-bound access token whose {@code cnf.x5t#S256} is the credential itself.
 */
public final class BoundTokenFactory implements AuthenticatorFactory {
  @Override
  public String name() {
    return "boundToken";
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
                token ->
                    AuthResult.authenticated(
                        Identity.builder("token-subject", "boundToken", "Bearer")
                            .certificateThumbprint(token)
                            .build()))
            .orElse(AuthResult.notAttempted());
      }
    };
  }
}
