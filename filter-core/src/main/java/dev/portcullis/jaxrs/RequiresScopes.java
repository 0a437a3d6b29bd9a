package dev.portcullis.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scopes a JAX-RS resource method needs, every one of them. On a class it applies to all
 * its resource methods; on both, both apply (the scopes are added up). Enforced by {@link
 * PortcullisFeature} with the filter's own answer: 403 {@code insufficient_scope} naming the
 * scopes, for example {@code WWW-Authenticate: Bearer realm="api", error="insufficient_scope",
 * scope="orders:write"}.
 *
 * <p>The request must have passed a Portcullis {@code AuthenticationFilter}; one that did not (an
 * excluded path, no filter mapped) is refused.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScopes {

  /**
   * The scopes.
   *
   * @return scope tokens, all required
   */
  String[] value();
}
