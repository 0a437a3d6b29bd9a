package dev.portcullis.web;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * Filter layering: a later filter with mechanisms of its own accepts the identity an earlier filter
 * established only when the mechanisms that established it satisfy its own expression; otherwise it
 * authenticates the request itself or refuses it. An API key never passes a {@code mtls} or {@code
 * mtls+jwt} filter that way.
 */
final class Layering {
  private Layering() {}

  /** The {@link Established} record of the identity the last authenticating filter set. */
  static final String ATTRIBUTE = RequestAttributes.ESTABLISHED;

  /**
   * Which configured mechanisms of a Portcullis filter established an identity on this request.
   *
   * @param identity the identity, compared by reference with the request's identity attribute
   * @param mechanisms the names of the branch that authenticated it
   */
  record Established(Identity identity, Set<String> mechanisms) {}

  /**
   * Whether an earlier filter's identity satisfies this filter's expression: a branch of it whose
   * every mechanism was among those that established the identity (its certificate binding was
   * checked when it was established).
   */
  static boolean accepts(
      Identity earlier, HttpServletRequest request, List<Set<String>> branchNames) {
    if (!(request.getAttribute(ATTRIBUTE) instanceof Established e) || e.identity() != earlier) {
      return false;
    }
    for (Set<String> branch : branchNames) {
      if (e.mechanisms().containsAll(branch)) {
        return true;
      }
    }
    return false;
  }
}
