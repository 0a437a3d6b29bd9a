package dev.portcullis.jaxrs;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.IdentityBuilder;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Test mechanism {@value #NAME}: the bearer token {@code scopes.a.b} grants scopes {@code a} and
 * {@code b}, {@code roles.x.y} the roles {@code x} and {@code y}, to {@code alice}.
 */
public final class ClaimsBearerFactory implements AuthenticatorFactory {
  static final String NAME = "claimsBearer";

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
      public AuthResult authenticate(AuthenticationRequest request) {
        return request
            .credentials("Bearer")
            .map(t -> identity(t))
            .orElse(AuthResult.notAttempted());
      }
    };
  }

  private static AuthResult identity(String token) {
    List<String> parts = Arrays.asList(token.split("\\."));
    List<String> values = parts.subList(1, parts.size());
    IdentityBuilder alice = Identity.builder("alice", NAME, "Bearer");
    return AuthResult.authenticated(
        (parts.get(0).equals("roles") ? alice.roles(values) : alice.scopes(values)).build());
  }
}
