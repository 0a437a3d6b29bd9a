package dev.portcullis;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.function.Function;

/**
 * What the filter that decided a request leaves on it for checks made later, at the endpoint: its
 * pipeline (for the realm and challenges) and the identity it let through, or null when an optional
 * filter let the request through anonymously.
 */
record Authority(Pipeline pipeline, Identity identity) {
  static final String ATTRIBUTE = "dev.portcullis.authority";

  /** Records the first filter to let the request through; later filters keep it. */
  static void offer(HttpServletRequest request, Pipeline pipeline, Identity identity) {
    if (request.getAttribute(ATTRIBUTE) == null) {
      request.setAttribute(ATTRIBUTE, new Authority(pipeline, identity));
    }
  }

  /**
   * Applies endpoint requirements as an authorization-only filter would: the identity's 403, or for
   * an anonymous request the 401 with the challenges an optional filter left, else 403.
   */
  static Decision decide(
      Function<String, Object> attributes, Set<String> scopes, Set<String> roles) {
    if (attributes.apply(ATTRIBUTE) instanceof Authority a && a.identity() != null) {
      return a.pipeline().authorize(a.identity(), scopes, roles);
    }
    return Pipeline.anonymousAtAuthorizeOnly(attributes);
  }
}
