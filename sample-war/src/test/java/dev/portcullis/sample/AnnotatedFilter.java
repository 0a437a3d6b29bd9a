package dev.portcullis.sample;

import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.annotation.WebFilter;

/**
 * A Portcullis filter declared by annotation without init-params, configured only through
 * MicroProfile Config, for {@link BadConfigurationIT}.
 */
@WebFilter(filterName = "annotated", urlPatterns = "/*")
public class AnnotatedFilter extends AuthenticationFilter {
  private static final long serialVersionUID = 1L;
}
