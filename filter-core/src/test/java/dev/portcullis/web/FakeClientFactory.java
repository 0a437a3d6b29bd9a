package dev.portcullis.web;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Identity;
import dev.portcullis.IdentityBuilder;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test mechanism {@value #NAME}: every {@code Authorization: Bearer <client>[.<part>...]} token
 * authenticates principal {@code alice} as OAuth client {@code <client>}. Parts: {@code scope=<s>}
 * grants a scope, {@code tenant=<t>} sets attribute {@code tenant}, {@code limit=<bands>} sets the
 * credential's own rate limit.
 */
public final class FakeClientFactory implements AuthenticatorFactory {
  static final String NAME = "fakeClient";

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
            .map(FakeClientFactory::identity)
            .orElse(AuthResult.notAttempted());
      }
    };
  }

  private static AuthResult identity(String token) {
    String[] parts = token.split("\\.");
    IdentityBuilder b =
        Identity.builder("alice", NAME, "Bearer")
            .attribute("client_id", parts[0])
            .fingerprint("fp-" + parts[0]);
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      switch (kv[0]) {
        case "scope" -> b.scopes(List.of(kv[1]));
        case "tenant" -> b.attribute("tenant", kv[1]);
        case "meta" -> b.attribute("keyMetadata", Map.of("rateLimit", kv[1].replace('_', ',')));
        default -> b.attribute("rateLimit", kv[1].replace('_', ','));
      }
    }
    return AuthResult.authenticated(b.build());
  }
}
