package dev.portcullis.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a JAX-RS resource method costs in credits, when the filter meters requests ({@code
 * quota.dataSource} set). The filter took its configured cost ({@code quota.cost} or a {@code
 * quota.costs} entry) before routing; {@link PortcullisFeature} takes the rest of this cost in one
 * atomic debit after the scope and role checks, or answers like the filter: 429 (or 402) {@code
 * insufficient_quota}. An annotated cost lower than the filter's takes nothing more and gives
 * nothing back (set lower costs in {@code quota.costs}). On a class it applies to every resource
 * method without one of its own. Requests whose subject is not metered pass.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface QuotaCost {

  /**
   * The credits.
   *
   * @return the request's whole cost, at least 0
   */
  long value();
}
