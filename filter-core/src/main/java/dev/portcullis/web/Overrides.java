package dev.portcullis.web;

import dev.portcullis.config.ConfigurationException;
import jakarta.servlet.FilterConfig;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a {@code portcullis.<filter>.<key>} override that names no setting of its filter, as
 * {@link Config#checkAllKnown()} refuses an unknown init-param, with the closest known key as a
 * hint. A configuration name is an override of filter {@code F} when
 *
 * <ul>
 *   <li>it starts with {@code portcullis.F.} exactly (a property: system property or MicroProfile
 *       Config source), the rest being the key; or
 *   <li>it holds no {@code .} and, compared ignoring case, starts with {@code portcullis.F.} with
 *       every character that is not a letter or digit replaced by {@code _} (an environment
 *       variable, {@code PORTCULLIS_F_KEY}, as MicroProfile Config maps it), unless another
 *       Portcullis filter of the application has a longer name whose prefix matches too ({@code
 *       PORTCULLIS_API_ORDERS_KEY} belongs to filter {@code api-orders}, not {@code api}).
 * </ul>
 *
 * <p>Names outside {@code portcullis.<a filter of this application>.} are never looked at, so
 * variables such as {@code PORTCULLIS_JWT_ISSUER} that web.xml reads through {@code ${...}} are not
 * overrides unless a filter is named {@code jwt}.
 */
final class Overrides {
  private static final String NAMESPACE = "portcullis.";

  private Overrides() {}

  /**
   * Throws for the first override of {@code filter} that names no key in {@code known}.
   *
   * @param filter the filter name
   * @param names every configuration name the platform knows (properties and environment)
   * @param known the full keys the filter read
   * @param filters the names of every Portcullis filter of the application
   * @throws ConfigurationException naming the override and the closest known key
   */
  static void check(
      String filter, Iterable<String> names, Set<String> known, Collection<String> filters) {
    String property = NAMESPACE + filter + ".";
    String variable = mangle(property);
    for (String name : names) {
      String key = null;
      if (name.startsWith(property)) {
        key = name.substring(property.length());
        if (known.contains(key)) {
          continue;
        }
      } else if (name.indexOf('.') < 0
          && name.regionMatches(true, 0, variable, 0, variable.length())
          && !claimedByLongerFilter(name, filter, filters)) {
        key = name.substring(variable.length());
        if (knownVariable(key, known)) {
          continue;
        }
      }
      if (key != null) {
        throw new ConfigurationException(
            "Unknown setting ["
                + name
                + "], an override of filter "
                + filter
                + Spelling.hint(key, known));
      }
    }
  }

  private static boolean knownVariable(String key, Set<String> known) {
    for (String k : known) {
      if (mangle(k).equalsIgnoreCase(key)) {
        return true;
      }
    }
    return false;
  }

  private static boolean claimedByLongerFilter(
      String name, String filter, Collection<String> filters) {
    for (String other : filters) {
      String prefix = mangle(NAMESPACE + other + ".");
      if (other.length() > filter.length()
          && name.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  /** MicroProfile Config's environment form: every character not a letter or digit is {@code _}. */
  static String mangle(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 0x80 && Character.isLetterOrDigit(c) ? c : '_');
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** The names of the application's filters, for telling their overrides apart. */
  static Set<String> filterNames(FilterConfig filterConfig, String own) {
    Set<String> names = new HashSet<>();
    names.add(own);
    try {
      names.addAll(filterConfig.getServletContext().getFilterRegistrations().keySet());
    } catch (UnsupportedOperationException e) {
      // a context that does not list them (outside a container): this filter's own name only
    }
    return names;
  }
}
