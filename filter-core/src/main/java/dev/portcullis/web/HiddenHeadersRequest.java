package dev.portcullis.web;

import dev.portcullis.Authenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

/** A request from which untrusted headers are removed for every later reader. */
final class HiddenHeadersRequest extends HttpServletRequestWrapper {
  private final Set<String> hidden = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  private HiddenHeadersRequest(HttpServletRequest request, Set<String> hidden) {
    super(request);
    this.hidden.addAll(hidden);
  }

  /** Wraps the request when any authenticator names headers to hide; otherwise returns it. */
  static HttpServletRequest of(HttpServletRequest request, Iterable<Authenticator> authenticators) {
    Set<String> names = null;
    for (Authenticator a : authenticators) {
      Set<String> untrusted = a.untrustedHeaders(request);
      if (!untrusted.isEmpty()) {
        names = names == null ? new TreeSet<>(String.CASE_INSENSITIVE_ORDER) : names;
        names.addAll(untrusted);
      }
    }
    return names == null ? request : new HiddenHeadersRequest(request, names);
  }

  @Override
  public String getHeader(String name) {
    return hidden.contains(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return hidden.contains(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(
        Collections.list(super.getHeaderNames()).stream()
            .filter(n -> !hidden.contains(n))
            .toList());
  }

  @Override
  public long getDateHeader(String name) {
    return hidden.contains(name) ? -1 : super.getDateHeader(name);
  }

  @Override
  public int getIntHeader(String name) {
    return hidden.contains(name) ? -1 : super.getIntHeader(name);
  }
}
