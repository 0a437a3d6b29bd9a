package dev.portcullis.web;

import dev.portcullis.config.Metrics;
import dev.portcullis.microprofile.MicroProfileConfigLookup;
import dev.portcullis.microprofile.MicroProfileMetrics;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What the server offers beyond the Servlet API: MicroProfile Config and Metrics are used where the
 * web application can load them, and the filters run without them anywhere else. The bridge classes
 * are loaded only after their APIs were found, so a plain servlet container never sees a missing
 * class.
 */
final class Platform {
  private static final System.Logger LOG = System.getLogger(Platform.class.getName());
  private static final String MP_CONFIG = "org.eclipse.microprofile.config.ConfigProvider";
  private static final String MP_METRICS = "org.eclipse.microprofile.metrics.MetricRegistry";
  private static final String CDI = "jakarta.enterprise.inject.spi.CDI";

  private Platform() {}

  /**
   * Resolves names: through MicroProfile Config when present (system properties, environment and
   * the application's own sources), else system properties, then environment variables.
   */
  static UnaryOperator<String> lookup(ClassLoader loader) {
    if (present(MP_CONFIG, loader)) {
      try {
        return MicroProfileConfigLookup.of(loader);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config not usable: {0}", e.toString());
      }
    }
    return Platform::systemLookup;
  }

  /**
   * Overrides of a filter's settings: {@code portcullis.<filter>.<key>}, which MicroProfile Config
   * also finds as the environment variable {@code PORTCULLIS_<FILTER>_<KEY>} (every character that
   * is not a letter or digit becomes {@code _}). Without MicroProfile Config the same names are
   * read from system properties and the environment directly.
   */
  static UnaryOperator<String> overrides(String filter, UnaryOperator<String> lookup) {
    String prefix = "portcullis." + filter + ".";
    return key -> lookup.apply(prefix + key);
  }

  /**
   * Every configuration name there is, for finding misspelt overrides: the system properties' and
   * environment variables' names, and MicroProfile Config's property names when present (its
   * sources include both, but a source need not list every name it can answer, so they are added in
   * any case).
   */
  static Iterable<String> names(ClassLoader loader) {
    Set<String> names = new TreeSet<>(System.getProperties().stringPropertyNames());
    names.addAll(System.getenv().keySet());
    if (present(MP_CONFIG, loader)) {
      try {
        MicroProfileConfigLookup.names(loader).forEach(names::add);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "MicroProfile Config not usable: {0}", e.toString());
      }
    }
    return names;
  }

  static String systemLookup(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name);
    }
    if (value == null) {
      String mangled = Overrides.underscored(name);
      value = System.getenv(mangled);
      if (value == null) {
        value = System.getenv(mangled.toUpperCase(Locale.ROOT));
      }
    }
    return value;
  }

  /** MicroProfile Metrics of the application, when the server has it and CDI is running. */
  static Metrics metrics(String filter, ClassLoader loader) {
    if (present(MP_METRICS, loader) && present(CDI, loader)) {
      try {
        return MicroProfileMetrics.of(filter);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(
            System.Logger.Level.INFO,
            "MicroProfile Metrics not usable, metrics off: {0}",
            e.toString());
      }
    }
    return Metrics.NONE;
  }

  /** Removes the metrics a filter registered, when they can be removed. */
  static void close(Metrics metrics) {
    if (metrics instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "Metrics not removed: {0}", e.toString());
      }
    }
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
