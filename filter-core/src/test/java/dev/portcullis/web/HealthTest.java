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

  @Test
  void summaryWhenDetailsReportedThenOnlyUpOrDownPerMechanismAndDetailsLoggedOncePerChange() {
    List<Readiness> states = new java.util.ArrayList<>();
    states.add(new Readiness("jwt https://idp/a", true, Map.of("lastError", "no route to idp")));
    states.add(new Readiness("jwt https://idp/b", false, Map.of("keys", "2")));
    Health.register(
        owner,
        "health-test",
        Map.of(
            "jwt",
            reporting(states, null),
            "apiKey",
            reporting(List.of(new Readiness("apiKey file", true, Map.of("keys", "3"))), null)));
    try (dev.portcullis.testing.LogCapture log = dev.portcullis.testing.LogCapture.start()) {

      Map<String, Boolean> summary = new java.util.TreeMap<>(Health.summary());
      Health.summary();
      summary.keySet().removeIf(k -> !k.startsWith("health-test "));

      assertThat(summary)
          .containsExactly(
              Map.entry("health-test apiKey", true),
              Map.entry("health-test jwt 1", true),
              Map.entry("health-test jwt 2", false));
      assertThat(log.messages(Health.class.getName()))
          .filteredOn(m -> m.startsWith("Readiness of health-test "))
          .containsExactlyInAnyOrder(
              "Readiness of health-test apiKey file: UP {keys=3}",
              "Readiness of health-test jwt https://idp/a: UP {lastError=no route to idp}",
              "Readiness of health-test jwt https://idp/b: DOWN {keys=2}");
    }
  }
}
