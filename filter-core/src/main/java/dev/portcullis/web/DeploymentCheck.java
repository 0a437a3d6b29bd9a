package dev.portcullis.web;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/**
 * Stops deployment when a Portcullis filter declared in {@code web.xml} or by {@code @WebFilter}
 * has a bad setting. Some servers (Payara Micro among them) log a filter whose {@code init} fails
 * and then serve the application WITHOUT that filter -- failing open. An exception from a context
 * container initializer, by contrast, fails the deployment. So {@link PortcullisInitializer}, which
 * runs before any filter starts, initializes and destroys a throw-away instance of every such
 * filter with its declared init-params, and rethrows the error.
 *
 * <p>Registrations without init-params (filter instances configured with {@link
 * AuthenticationFilter#builder()}) are skipped: their settings live in the instance, and {@link
 * AuthenticationFilterBuilder#register} checks them the same way when it adds the filter.
 */
final class DeploymentCheck {
  private DeploymentCheck() {}

  /** Initializes and destroys every declared Portcullis filter; rethrows the first failure. */
  static void run(ServletContext context) {
    for (FilterRegistration registration : context.getFilterRegistrations().values()) {
      if (!registration.getInitParameters().isEmpty()
          && portcullis(registration.getClassName(), context)) {
        check(registration, context);
      }
    }
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
      filter.init(
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
