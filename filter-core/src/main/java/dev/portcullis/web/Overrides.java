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
 *   <li>it holds a {@code .} and, compared ignoring case, starts with {@code portcullis.F.} (a
 *       property: system property or MicroProfile Config source). Only the exact spelling {@code
 *       portcullis.F.<key>} is read, so any other case is refused; or
 *   <li>it holds no {@code .} and, compared ignoring case, starts with {@code portcullis.F.} with
 *       every character that is not a letter or digit replaced by {@code _} (an environment
 *       variable, {@code PORTCULLIS_F_KEY}), unless another Portcullis filter of the application
 *       has a longer name whose prefix matches too ({@code PORTCULLIS_API_ORDERS_KEY} belongs to
 *       filter {@code api-orders}, not {@code api}). Such a name is read only when it is an
 *       environment variable spelt as MicroProfile Config looks it up: {@code portcullis.F.<key>}
 *       with every other character {@code _}, as is or upper-cased ({@code
 *       portcullis_F_requiredScopes}, {@code PORTCULLIS_F_REQUIREDSCOPES}). Any other case, and
 *       such a name in a properties file or a system property, is never read and so refused.
 * </ul>
 *
 * <p>Names outside {@code portcullis.<a filter of this application>.} are never looked at, so
 * variables such as {@code PORTCULLIS_JWT_ISSUER} that web.xml reads through {@code ${...}} are not
 * overrides unless a filter is named {@code jwt}.
 */
final class Overrides {
  private static final String NAMESPACE = "portcullis.";

  private Overrides() {}

  /** {@link #check(String, Iterable, Set, Set, Collection)} against this process's environment. */
  static void check(
      String filter, Iterable<String> names, Set<String> known, Collection<String> filters) {
    check(filter, names, System.getenv().keySet(), known, filters);
  }

  /**
   * Throws for the first override of {@code filter} that names no key in {@code known}, or that is
   * spelt or placed so that it is never read.
   *
   * @param filter the filter name
   * @param names every configuration name the platform knows (properties and environment)
   * @param environment the names of the process's environment variables
   * @param known the full keys the filter read
   * @param filters the names of every Portcullis filter of the application
   * @throws ConfigurationException naming the override and the closest known key
   */
  static void check(
      String filter,
      Iterable<String> names,
      Set<String> environment,
      Set<String> known,
      Collection<String> filters) {
    String property = NAMESPACE + filter + ".";
    String variable = mangle(property);
    for (String name : names) {
      String key = null;
      String form = null;
      if (name.indexOf('.') >= 0) {
        if (name.regionMatches(true, 0, property, 0, property.length())
            && !claimedByOtherFilter(name, filter, filters, false)) {
          key = name.substring(property.length());
          form = name;
        }
      } else if (name.regionMatches(true, 0, variable, 0, variable.length())
          && !claimedByOtherFilter(name, filter, filters, true)) {
        key = name.substring(variable.length());
        form = environment.contains(name) ? name : null;
      }
      if (key != null && !read(form, property, known)) {
        throw new ConfigurationException(
            "Unknown setting ["
                + name
                + "], an override of filter "
                + filter
                + hint(key, name.indexOf('.') < 0, property, known));
      }
    }
  }

  /** Whether {@code name} is a spelling of a known key that is actually looked up. */
  private static boolean read(String name, String property, Set<String> known) {
    if (name == null) {
      return false;
    }
    for (String k : known) {
      String full = property + k;
      String variable = underscored(full);
      if (name.equals(full)
          || name.equals(variable)
          || name.equals(variable.toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The closest key; or, when the key is right but the name is spelt or placed so that it is never
   * read, the two spellings that are.
   */
  private static String hint(String key, boolean variable, String property, Set<String> known) {
    for (String k : known) {
      if (variable ? mangle(k).equalsIgnoreCase(key) : k.equals(key)) {
        return " that is never read (an environment variable's form is read only from the"
            + " environment, and only as is or upper-cased); write it as the property "
            + property
            + k
            + " or the environment variable "
            + mangle(property + k);
      }
    }
    return Spelling.hint(key, known);
  }

  /**
   * Whether another filter of the application claims {@code name}: one with a longer name whose
   * prefix matches too, or, for a property, one whose name is the property's filter part exactly
   * (filter names are case-sensitive).
   */
  private static boolean claimedByOtherFilter(
      String name, String filter, Collection<String> filters, boolean variable) {
    for (String other : filters) {
      String prefix = NAMESPACE + other + ".";
      if (variable) {
        prefix = mangle(prefix);
      }
      boolean longer =
          other.length() > filter.length()
              && name.regionMatches(true, 0, prefix, 0, prefix.length());
      if (longer || !variable && !other.equals(filter) && name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** MicroProfile Config's environment form, upper-cased: see {@link #underscored}. */
  static String mangle(String name) {
    return underscored(name).toUpperCase(Locale.ROOT);
  }

  /** MicroProfile Config's environment form: every character not an ASCII letter or digit is _. */
  static String underscored(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 0x80 && Character.isLetterOrDigit(c) ? c : '_');
    }
    return out.toString();
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
