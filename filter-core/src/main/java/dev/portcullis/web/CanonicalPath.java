package dev.portcullis.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The one path a filter decides on: the raw request URI, canonicalized after Servlet 6.0 §3.5.2,
 * minus the context path. Path parameters are removed from every segment, percent-encoded
 * unreserved characters (RFC 3986 §2.3) are decoded and every other escape is kept with upper-case
 * hex digits, and {@code .} and {@code ..} segments are resolved.
 *
 * <p>A URI that different parts of a server could read differently is ambiguous and has no
 * canonical path ({@code null}): an encoded or raw {@code \}, an encoded {@code /} or {@code ;}, an
 * encoded or raw control character (NUL included), a non-ASCII or space character, a malformed
 * escape, a dot segment that carries parameters ({@code ..;x}) or is encoded ({@code %2e}), an
 * empty segment other than the last, a {@code ..} that climbs above the root, and a context path
 * the URI does not start with. Escapes are decoded once: {@code %252e} stays the literal segment
 * {@code %252e}.
 */
final class CanonicalPath {
  private static final String UNRESERVED_PUNCTUATION = "-._~";

  /** Escaped, these would be read as a delimiter by some parts of a server and not by others. */
  private static final String DELIMITERS = "/\\;";

  private CanonicalPath() {}

  /**
   * The canonical path of a request.
   *
   * @param requestUri the raw request URI ({@code getRequestURI()}), not decoded
   * @param contextPath the context path ({@code getContextPath()}), empty for the root context
   * @return the context-relative canonical path starting with {@code /}, or null when ambiguous
   */
  static String of(String requestUri, String contextPath) {
    String full = canonical(requestUri);
    if (full == null || contextPath == null || contextPath.isEmpty()) {
      return full;
    }
    String context = canonical(contextPath);
    if (context == null || !full.startsWith(context)) {
      return null;
    }
    String rest = full.substring(context.length());
    if (rest.isEmpty()) {
      return "/";
    }
    return rest.startsWith("/") ? rest : null;
  }

  /** The canonical form of an absolute path, or null when it is ambiguous. */
  static String canonical(String raw) {
    if (raw == null || !raw.startsWith("/")) {
      return null;
    }
    String[] segments = raw.substring(1).split("/", -1);
    List<String> out = new ArrayList<>(segments.length);
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String segment = segments[i];
      int semicolon = segment.indexOf(';');
      boolean parameters = semicolon >= 0;
      String name = parameters ? segment.substring(0, semicolon) : segment;
      String decoded = decode(name);
      if (decoded == null) {
        return null;
      }
      boolean dot = decoded.equals(".") || decoded.equals("..");
      if (dot && (parameters || name.indexOf('%') >= 0)) {
        return null; // ..;x, .;x, %2e, %2E%2e: read as a dot segment by some and not by others
      }
      if (decoded.isEmpty() && (parameters || !last)) {
        return null; // //, /;x/: an empty segment some collapse and others keep
      }
      if (decoded.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
        if (last) {
          out.add("");
        }
      } else if (decoded.equals(".")) {
        if (last) {
          out.add("");
        }
      } else {
        out.add(decoded);
      }
    }
    return "/" + String.join("/", out);
  }

  /**
   * Decodes escapes of unreserved characters and upper-cases the others; null when the segment
   * holds a malformed escape, an escaped {@code /}, {@code \} or control character, or a raw
   * character outside visible ASCII or a raw {@code \}.
   */
  private static String decode(String segment) {
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '\\') {
        return null;
      }
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= segment.length()) {
        return null;
      }
      int high = hex(segment.charAt(i + 1));
      int low = hex(segment.charAt(i + 2));
      if (high < 0 || low < 0) {
        return null;
      }
      char decoded = (char) (high * 16 + low);
      if (decoded < 0x20 || decoded == 0x7F || DELIMITERS.indexOf(decoded) >= 0) {
        return null;
      }
      if (unreserved(decoded)) {
        out.append(decoded);
      } else {
        out.append('%').append(Character.toUpperCase(segment.charAt(i + 1)));
        out.append(Character.toUpperCase(segment.charAt(i + 2)));
      }
      i += 2;
    }
    return out.toString();
  }

  /** The value of an ASCII hex digit, else -1 ({@link Character#digit} takes full-width digits). */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
      return (c | 0x20) - 'a' + 10;
    }
    return -1;
  }

  private static boolean unreserved(char c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
  }
}
