package dev.portcullis.limit;

import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a {@link LimitStage} from the filter's settings under {@link #name()}{@code .}. Found
 * through {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.portcullis.limit.LimitStageFactory}. Every factory on the class path is
 * asked for every filter; one whose settings are absent answers empty.
 */
public interface LimitStageFactory {

  /**
   * The prefix of this stage's keys, for example {@code rateLimit} ({@code rateLimit.limit}).
   *
   * @return a camelCase name, unique among factories and mechanisms
   */
  String name();

  /**
   * Where the stage runs among the others; lower runs first. Rate limits run before quotas.
   *
   * @return the position
   */
  int order();

  /**
   * Creates the stage, reading its keys from {@code config} (every key read counts as known).
   *
   * @param config the settings under this factory's prefix
   * @param environment time sources, metrics, servlet context
   * @return the stage, or empty when this filter does not configure it
   * @throws dev.portcullis.config.ConfigurationException naming the key and the bad value
   */
  Optional<LimitStage> create(Config config, Environment environment);

  /**
   * Every key this stage reads, relative to its prefix, for the configuration tables.
   *
   * @return the relative keys
   */
  Set<String> settings();
}
