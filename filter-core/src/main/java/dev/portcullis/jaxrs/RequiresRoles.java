package dev.portcullis.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Roles of which a caller must hold at least one, checked against the Portcullis identity like the
 * filter's {@code requiredRoles}: 403 {@code {"error":"forbidden"}} without a challenge, and 401
 * with the filter's challenges for a request an optional filter let through anonymously. Unlike
 * {@code jakarta.annotation.security.RolesAllowed} it needs neither a container login nor a
 * JAX-RS-implementation feature. On a class and a method, both apply. Enforced by {@link
 * PortcullisFeature}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRoles {

  /**
   * The roles.
   *
   * @return role names, one of which is required
   */
  String[] value();
}
