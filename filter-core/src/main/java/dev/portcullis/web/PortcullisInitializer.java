package dev.portcullis.web;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Runs the {@link DeploymentCheck} in every web application that has filter-core in {@code
 * WEB-INF/lib}, so a misconfigured Portcullis filter stops deployment on every server, including
 * those that would otherwise serve the application without a filter whose {@code init} failed.
 * Listed in {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 */
public final class PortcullisInitializer implements ServletContainerInitializer {

  /** Creates the initializer; the container calls this. */
  public PortcullisInitializer() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    DeploymentCheck.run(context);
  }
}
