package dev.portcullis.microprofile;

import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Resolves names through the application's MicroProfile Config. */
public final class MicroProfileConfigLookup {
  private MicroProfileConfigLookup() {}

  /**
   * A lookup backed by the application's configuration.
   *
   * @param loader the web application's class loader
   * @return the value of a property, or null when it has none
   */
  public static UnaryOperator<String> of(ClassLoader loader) {
    Config config = ConfigProvider.getConfig(loader);
    return name -> config.getOptionalValue(name, String.class).orElse(null);
  }

  /**
   * The names of every property of the application's configuration, environment variables included.
   *
   * @param loader the web application's class loader
   * @return the names
   */
  public static Iterable<String> names(ClassLoader loader) {
    return ConfigProvider.getConfig(loader).getPropertyNames();
  }
}
