package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.IdentityBuilder;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test mechanism {@value #NAME}: {@code Authorization: Bearer} tokens from a fixed table.
 *
 * <ul>
 *   <li>{@code good}: alice, scope {@code orders:read}, role {@code user}
 *   <li>{@code writer}: alice, scopes {@code orders:read orders:write}, role {@code admin}
 *   <li>{@code bound.<thumbprint>}: alice bound to the certificate with that RFC 8705 thumbprint
 *   <li>{@code dpop.<jkt>}: alice, scope {@code orders:read}, bound to the DPoP key with that RFC
 *       7638 thumbprint
 *   <li>{@code malformed}: rejected as {@code invalid_request}
 *   <li>anything else: rejected as {@code invalid_token}
 * </ul>
 */
public final class FakeBearerFactory implements AuthenticatorFactory {
  static final String NAME = "fakeBearer";
  static final String INVALID = "The access token is invalid";
  static final String MALFORMED = "The access token is malformed";

  /** How many authenticators were closed, for the lifecycle tests. */
  static final AtomicInteger CLOSED = new AtomicInteger();

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
        return request.credentials("Bearer").map(FakeBearerFactory::check).orElse(notAttempted());
      }

      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }

  private static AuthResult notAttempted() {
    return AuthResult.notAttempted();
  }

  private static AuthResult check(String token) {
    IdentityBuilder alice =
        Identity.builder("alice", NAME, "Bearer").fingerprint(Fingerprint.of(token));
    if (token.equals("good")) {
      return AuthResult.authenticated(
          alice.scopes(List.of("orders:read")).roles(List.of("user")).build());
    }
    if (token.equals("writer")) {
      return AuthResult.authenticated(
          alice.scopes(List.of("orders:read", "orders:write")).roles(List.of("admin")).build());
    }
    if (token.startsWith("bound.")) {
      return AuthResult.authenticated(
          alice
              .scopes(List.of("orders:read"))
              .certificateThumbprint(token.substring("bound.".length()))
              .build());
    }
    if (token.startsWith("dpop.")) {
      return AuthResult.authenticated(
          Identity.builder("alice", NAME, "DPoP")
              .fingerprint(Fingerprint.of(token))
              .scopes(List.of("orders:read"))
              .keyThumbprint(token.substring("dpop.".length()))
              .build());
    }
    if (token.equals("malformed")) {
      return AuthResult.rejected(AuthError.invalidRequest(MALFORMED));
    }
    return AuthResult.rejected(AuthError.invalidToken(INVALID));
  }
}
