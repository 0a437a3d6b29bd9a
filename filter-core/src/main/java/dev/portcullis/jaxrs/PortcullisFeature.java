package dev.portcullis.jaxrs;

import dev.portcullis.web.EndpointAuthorization;
import dev.portcullis.web.EndpointCost;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Enforces {@link RequiresScopes} and {@link RequiresRoles} on JAX-RS resource methods, at {@link
 * Priorities#AUTHORIZATION}, with the same refusals as the filter (see {@link
 * EndpointAuthorization}), then takes a {@link QuotaCost} (see {@link EndpointCost}).
 *
 * <p>A {@link Provider}: JAX-RS finds it by class-path scanning when the application's {@code
 * Application} subclass returns no classes of its own. An application that lists its classes must
 * list this one too; otherwise the annotations are not enforced.
 */
@Provider
public final class PortcullisFeature implements DynamicFeature {

  /** Creates the feature; JAX-RS calls this. */
  public PortcullisFeature() {}

  /**
   * Registers the checks on methods whose method or class carries a Portcullis annotation.
   *
   * @param resourceInfo the resource method
   * @param context where to register
   * @throws IllegalArgumentException when an annotation holds a value that is not a scope token, an
   *     empty role or a negative cost
   */
  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    List<AnnotatedElement> levels =
        List.of(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
    Set<String> scopes = new LinkedHashSet<>();
    List<EndpointFilter.Check> checks = new ArrayList<>();
    QuotaCost cost = null;
    boolean annotated = false;
    for (AnnotatedElement level : levels) {
      RequiresScopes requiresScopes = level.getAnnotation(RequiresScopes.class);
      if (requiresScopes != null) {
        annotated = true;
        scopes.addAll(Arrays.asList(requiresScopes.value()));
      }
      RequiresRoles requiresRoles = level.getAnnotation(RequiresRoles.class);
      if (requiresRoles != null) {
        annotated = true;
        checks.add(EndpointAuthorization.of(Set.of(), Arrays.asList(requiresRoles.value()))::check);
      }
      QuotaCost levelCost = level.getAnnotation(QuotaCost.class);
      if (levelCost != null) {
        cost = levelCost; // the method's replaces the class's
      }
    }
    if (annotated) {
      // scopes first: a caller lacking both learns which scopes to ask for
      checks.add(0, EndpointAuthorization.of(scopes, Set.of())::check);
    }
    if (cost != null) {
      checks.add(EndpointCost.of(cost.value())::check); // last: a refused request spends nothing
    }
    if (!checks.isEmpty()) {
      context.register(new EndpointFilter(checks), Priorities.AUTHORIZATION);
    }
  }
}
