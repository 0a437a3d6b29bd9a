package dev.portcullis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one path a filter decides on: the raw request URI, canonicalized after Servlet 6.0 §3.5.2,
 * minus the context path. Path parameters are removed from every segment, percent-encoded
 * unreserved characters (RFC 3986 §2.3) are decoded and every other escape is kept with upper-case
 * hex digits, and {@code .} and {@code ..} segments are resolved.
 *
 * <p>A URI that different parts of a server could read differently is ambiguous and has no
 * canonical path ({@code null}): an encoded or raw {@code \}, an encoded {@code /} or {@code ;}, an
 * encoded or raw control character (NUL included), a non-ASCII or space character, a malformed
 * escape, escapes that are not well-formed UTF-8 (an overlong {@code %C0%AE}, a lone {@code %FF}),
 * a dot segment that carries parameters ({@code ..;x}) or is encoded ({@code %2e}), an empty
 * segment other than the last, a {@code ..} that climbs above the root, and a context path the URI
 * does not start with. Escapes are decoded once: {@code %252e} stays the literal segment {@code
 * %252e}.
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
      int decoded = escapedByte(segment, i);
      if (decoded < 0x20 || decoded == 0x7F || DELIMITERS.indexOf(decoded) >= 0) {
        return null; // malformed (-1), control character or delimiter
      }
      int escapes = decoded < 0x80 ? 1 : utf8Escapes(segment, i, decoded);
      if (escapes < 0) {
        return null;
      }
      if (unreserved((char) decoded)) {
        out.append((char) decoded);
      } else {
        out.append(segment.substring(i, i + 3 * escapes).toUpperCase(Locale.ROOT));
      }
      i += 3 * escapes - 1;
    }
    return out.toString();
  }

  /**
   * How many escapes, from the one at {@code at} whose byte is {@code lead} (at least 0x80), make
   * up one well-formed UTF-8 character (RFC 3629 §4), or -1: a continuation byte without a lead, an
   * overlong form ({@code %C0%AE} for {@code .}), an encoded surrogate, a value above U+10FFFF or a
   * truncated sequence. Decoders differ on these (some read {@code %C0%AE} as a dot), so they make
   * a URI ambiguous.
   */
  private static int utf8Escapes(String segment, int at, int lead) {
    int length;
    int min = 0x80;
    int max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      min = lead == 0xE0 ? 0xA0 : min;
      max = lead == 0xED ? 0x9F : max;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      min = lead == 0xF0 ? 0x90 : min;
      max = lead == 0xF4 ? 0x8F : max;
    } else {
      return -1;
    }
    for (int n = 1; n < length; n++) {
      int next = escapedByte(segment, at + 3 * n);
      if (next < min || next > max) {
        return -1;
      }
      min = 0x80;
      max = 0xBF;
    }
    return length;
  }

  /** The byte of the escape at {@code at}, or -1 when there is none. */
  private static int escapedByte(String segment, int at) {
    if (at + 2 >= segment.length() || segment.charAt(at) != '%') {
      return -1;
    }
    int high = hex(segment.charAt(at + 1));
    int low = hex(segment.charAt(at + 2));
    return high < 0 || low < 0 ? -1 : high * 16 + low;
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
