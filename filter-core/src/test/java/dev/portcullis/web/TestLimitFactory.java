package dev.portcullis.web;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.limit.Admission;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.limit.LimitStageFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test limit stage {@value #NAME}, run after the rate limit: {@code testLimit.mode} {@code admit}
 * (adds {@code X-Credits: 7}), {@code refuse} (402 {@code insufficient_quota}) or {@code down}.
 */
public final class TestLimitFactory implements LimitStageFactory {
  static final String NAME = "testLimit";

  /** How many requests reached the stage. */
  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public Optional<LimitStage> create(Config config, Environment environment) {
    return config.string("mode").map(TestLimitFactory::stage);
  }

  private static LimitStage stage(String mode) {
    return (request, identity) -> {
      CALLS.incrementAndGet();
      return switch (mode) {
        case "admit" -> new Admission.Admitted(Map.of("X-Credits", "7"));
        case "refuse" ->
            new Admission.Refused(402, "insufficient_quota", "out_of_credits", 60, Map.of());
        default -> throw new ServiceUnavailableException("credits database down");
      };
    };
  }

  @Override
  public Set<String> settings() {
    return Set.of("mode");
  }
}
