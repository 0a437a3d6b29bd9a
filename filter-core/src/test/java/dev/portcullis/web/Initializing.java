package dev.portcullis.web;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;

/**
 * Starts a filter the way the deployment checks do, throwing when it cannot start (the container's
 * {@code init} records the failure and answers 503 instead), for the settings tests of every
 * module.
 */
public final class Initializing {
  private Initializing() {}

  /**
   * Starts {@code filter}.
   *
   * @param filter the filter
   * @param config its configuration
   * @throws ServletException naming the key when a setting is bad
   */
  public static void initialize(AuthenticationFilter filter, FilterConfig config)
      throws ServletException {
    filter.initialize(config);
  }
}
