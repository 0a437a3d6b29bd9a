package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Challenge;
import dev.portcullis.Readiness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness registry: filters register at start, leave at stop; a throwing check is down. */
class HealthTest {
  private final Object owner = new Object();

  @AfterEach
  void leave() {
    Health.unregister(owner);
  }

  private static Authenticator reporting(List<Readiness> readiness, RuntimeException failure) {
    return new Authenticator() {
      @Override
      public Optional<Challenge> challenge() {
        return Optional.empty();
      }

      @Override
      public Set<String> presentedSources(AuthenticationRequest request) {
        return Set.of();
      }

      @Override
      public AuthResult authenticate(AuthenticationRequest request) {
        return AuthResult.notAttempted();
      }

      @Override
      public List<Readiness> readiness() {
        if (failure != null) {
          throw failure;
        }
        return readiness;
      }
    };
  }

  @Test
  void checkWhenRegisteredThenComponentsPrefixedSortedAndFailuresDown() {
    Health.register(
        owner,
        "health-test",
        Map.of(
            "jwt",
            reporting(List.of(new Readiness("jwt https://idp", true, Map.of("keys", "2"))), null),
            "apiKey",
            reporting(List.of(), new IllegalStateException("boom"))));

    assertThat(Health.check())
        .filteredOn(r -> r.component().startsWith("health-test "))
        .containsExactly(
            new Readiness("health-test apiKey", false, Map.of("error", "IllegalStateException")),
            new Readiness("health-test jwt https://idp", true, Map.of("keys", "2")));
  }

  @Test
  void checkWhenMechanismReportsNothingThenNothingAndNothingAfterUnregister() {
    Health.register(owner, "health-test", Map.of("apiKey", reporting(List.of(), null)));
    assertThat(Health.check()).noneMatch(r -> r.component().startsWith("health-test "));

    Health.register(
        owner,
        "health-test",
        Map.of("jwt", reporting(List.of(new Readiness("jwt x", true, Map.of())), null)));
    Health.unregister(owner);
    assertThat(Health.check()).noneMatch(r -> r.component().startsWith("health-test "));
  }
}
