package dev.portcullis.web;

import dev.portcullis.Authenticator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** A request from which untrusted headers and attributes are removed for every later reader. */
final class HiddenHeadersRequest extends HttpServletRequestWrapper {
  private final Set<String> hidden = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
  private final Set<String> hiddenAttributes = new HashSet<>();

  private HiddenHeadersRequest(
      HttpServletRequest request, Set<String> hidden, Set<String> hiddenAttributes) {
    super(request);
    this.hidden.addAll(hidden);
    this.hiddenAttributes.addAll(hiddenAttributes);
  }

  /**
   * Wraps the request when any authenticator names headers or attributes to hide; otherwise returns
   * it.
   */
  static HttpServletRequest of(HttpServletRequest request, Iterable<Authenticator> authenticators) {
    Set<String> names = Set.of();
    Set<String> attributes = Set.of();
    for (Authenticator a : authenticators) {
      // no allocation on the usual request, where nothing is hidden
      Set<String> untrusted = a.untrustedHeaders(request);
      if (!untrusted.isEmpty()) {
        names = names.isEmpty() ? new TreeSet<>(String.CASE_INSENSITIVE_ORDER) : names;
        names.addAll(untrusted);
      }
      Set<String> untrustedAttributes = a.untrustedAttributes(request);
      if (!untrustedAttributes.isEmpty()) {
        attributes = attributes.isEmpty() ? new HashSet<>() : attributes;
        attributes.addAll(untrustedAttributes);
      }
    }
    return names.isEmpty() && attributes.isEmpty()
        ? request
        : new HiddenHeadersRequest(request, names, attributes);
  }

  @Override
  public Object getAttribute(String name) {
    return hiddenAttributes.contains(name) ? null : super.getAttribute(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(
        Collections.list(super.getAttributeNames()).stream()
            .filter(n -> !hiddenAttributes.contains(n))
            .toList());
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
