package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the filter that decided a request leaves on it for checks made later, at the endpoint: its
 * pipeline (for the realm and challenges), the identity it let through (null when an optional
 * filter let the request through anonymously), and its audit with the request (for the client
 * address and path), so that an endpoint refusal is logged like a filter's.
 */
record Authority(Pipeline pipeline, Identity identity, Audit audit, HttpServletRequest request) {
  static final String ATTRIBUTE = RequestAttributes.AUTHORITY;

  /**
   * Records the filter that authenticated the request: the first to let it through, replaced by a
   * later filter that authenticated the caller itself (an identity other than the recorded one), so
   * that endpoint checks read the identity of the filter that actually authenticated the caller.
   */
  static void offer(HttpServletRequest request, Pipeline pipeline, Identity identity, Audit audit) {
    Object recorded = request.getAttribute(ATTRIBUTE);
    if (recorded == null
        || identity != null && recorded instanceof Authority a && a.identity() != identity) {
      // the request itself, so that client address and path are read only for a refusal
      request.setAttribute(ATTRIBUTE, new Authority(pipeline, identity, audit, request));
    }
  }

  /**
   * Applies endpoint requirements as an authorization-only filter would: the identity's 403, or for
   * an anonymous request the 401 with the challenges an optional filter left, else 403.
   */
  static Decision decide(
      Function<String, Object> attributes, Set<String> scopes, Set<String> roles) {
    Authority a = attributes.apply(ATTRIBUTE) instanceof Authority found ? found : null;
    Decision decision =
        a != null && a.identity() != null
            ? a.pipeline().authorize(a.identity(), scopes, roles)
            : anonymousAtAuthorizeOnly(attributes);
    if (a != null && decision instanceof Decision.Refuse refusal) {
      a.audit().refuse(refusal, a.request());
    }
    return decision;
  }

  /**
   * An authorization-only filter met a request that no earlier filter authenticated: 401 with the
   * challenges that filter left on the request when it let the request pass anonymously, else 403.
   */
  static Decision anonymousAtAuthorizeOnly(Function<String, Object> attributes) {
    if (attributes.apply(RequestAttributes.CHALLENGES) instanceof List<?> list && !list.isEmpty()) {
      return new Decision.Refuse(
          AuthError.unauthorized(),
          list.stream().map(String::valueOf).toList(),
          Decision.PIPELINE,
          null);
    }
    return new Decision.Refuse(Pipeline.NOT_AUTHENTICATED, List.of(), Decision.PIPELINE, null);
  }
}
