package dev.portcullis.web;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.HashSet;
import java.util.Set;

/**
 * Stops deployment when a Portcullis filter declared in {@code web.xml} or by {@code @WebFilter}
 * has a bad setting. Some servers (Payara Micro among them) log a filter whose {@code init} fails
 * and then serve the application WITHOUT that filter -- failing open. An exception from a context
 * container initializer, by contrast, fails the deployment. So {@link PortcullisInitializer}, which
 * runs before any filter starts, initializes and destroys a throw-away instance of every such
 * filter with its declared init-params, and rethrows the error.
 *
 * <p>Every Portcullis registration is checked, also one without init-params (configured only
 * through {@code portcullis.<filter>.<key>} overrides from MicroProfile Config, system properties
 * or the environment). The only ones skipped are filter instances that {@link
 * AuthenticationFilterBuilder#register} added: their settings live in the instance, and register
 * checked them the same way before adding them (it names them in {@link #CHECKED}).
 */
final class DeploymentCheck {
  /** Context attribute: the set of filter names {@link AuthenticationFilterBuilder} checked. */
  static final String CHECKED = "dev.portcullis.checkedFilters";

  private DeploymentCheck() {}

  /** Initializes and destroys every declared Portcullis filter; rethrows the first failure. */
  static void run(ServletContext context) {
    Object checked = context.getAttribute(CHECKED);
    for (FilterRegistration registration : context.getFilterRegistrations().values()) {
      if (!(checked instanceof Set<?> names && names.contains(registration.getName()))
          && portcullis(registration.getClassName(), context)) {
        check(registration, context);
      }
    }
  }

  /** Records that {@code filterName} was checked with the settings of its instance. */
  static void checked(ServletContext context, String filterName) {
    Set<String> names = new HashSet<>();
    if (context.getAttribute(CHECKED) instanceof Set<?> earlier) {
      earlier.forEach(n -> names.add(String.valueOf(n)));
    }
    names.add(filterName);
    context.setAttribute(CHECKED, Set.copyOf(names));
  }

  private static boolean portcullis(String className, ServletContext context) {
    try {
      return className != null
          && AuthenticationFilter.class.isAssignableFrom(
              Class.forName(className, false, context.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return false; // the container reports it when it loads the filter
    }
  }

  private static void check(FilterRegistration registration, ServletContext context) {
    AuthenticationFilter filter;
    try {
      filter =
          Class.forName(registration.getClassName(), true, context.getClassLoader())
              .asSubclass(AuthenticationFilter.class)
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Filter " + registration.getName() + " cannot be created", e);
    }
    try {
      filter.initialize(
          new ContextFilterConfig(
              registration.getName(), context, registration.getInitParameters()));
    } catch (ServletException e) {
      throw new IllegalStateException(
          "Filter " + registration.getName() + ": " + e.getMessage(), e);
    } finally {
      filter.destroy();
    }
  }
}
