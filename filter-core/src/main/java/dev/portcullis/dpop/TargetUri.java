package dev.portcullis.dpop;

import dev.portcullis.config.ProxyAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code htu} rule (RFC 9449 §4.3): a proof names the request's target URI without query and
 * fragment. Both sides are compared after RFC 3986 §6.2.2 syntax-based and §6.2.3 scheme-based
 * normalization (case of scheme and host, default port, percent-encoding case, unreserved
 * characters decoded, dot segments, empty path). Behind a TLS-terminating proxy the scheme and host
 * come from {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}, read only from a peer inside
 * the trusted proxies (as {@code mtls.trustedProxies} decides for forwarded certificates) and only
 * when each is a single value.
 */
final class TargetUri {
  private static final String UNRESERVED_MARKS = "-._~";

  private final ProxyAddresses trustedProxies;

  TargetUri(ProxyAddresses trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /** Whether the proof's {@code htu} names this request's target URI. */
  boolean matches(String htu, HttpServletRequest request) {
    boolean forwarded = trustedProxies.contains(request.getRemoteAddr());
    String scheme = scheme(request, forwarded);
    String authority = authority(request, scheme, forwarded);
    String path = request.getRequestURI();
    // as clients write htu, the exact text usually decides, compared in place without a copy
    if (same(htu, scheme, authority, path)) {
      return true;
    }
    String left = normalize(htu);
    return left != null && left.equals(normalize(scheme + "://" + authority + path));
  }

  /** Whether {@code htu} is exactly {@code scheme://authority path}. */
  private static boolean same(String htu, String scheme, String authority, String path) {
    int host = scheme.length() + 3;
    int rest = host + authority.length();
    return htu.length() == rest + path.length()
        && htu.startsWith(scheme)
        && htu.startsWith("://", scheme.length())
        && htu.startsWith(authority, host)
        && htu.startsWith(path, rest);
  }

  private static String scheme(HttpServletRequest request, boolean forwarded) {
    String proto = forwarded ? single(request, "X-Forwarded-Proto") : null;
    return proto != null ? proto : request.getScheme();
  }

  /** The host and, unless it is the scheme's default, the port. */
  private static String authority(HttpServletRequest request, String scheme, boolean forwarded) {
    String forwardedHost = forwarded ? single(request, "X-Forwarded-Host") : null;
    if (forwardedHost != null) {
      return forwardedHost;
    }
    String host = request.getServerName();
    String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    int port = request.getServerPort();
    boolean standard = port == ("https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1);
    // the default port is left out, as clients write htu
    return standard ? authority : authority + ":" + port;
  }

  private static String single(HttpServletRequest request, String name) {
    Enumeration<String> values = request.getHeaders(name);
    List<String> list = values == null ? List.of() : Collections.list(values);
    if (list.size() != 1 || list.get(0).indexOf(',') >= 0 || list.get(0).isBlank()) {
      return null;
    }
    return list.get(0).strip();
  }

  /** The normal form of an absolute http(s) URI without user info, query or fragment, else null. */
  static String normalize(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || parsed.getHost() == null
        || parsed.getRawUserInfo() != null
        || parsed.getRawQuery() != null
        || parsed.getRawFragment() != null) {
      return null;
    }
    int port = parsed.getPort();
    boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    String path = path(parsed.getRawPath());
    if (path == null) {
      return null;
    }
    return scheme
        + "://"
        + parsed.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port)
        + path;
  }

  /** Percent-encoding normalized, then dot segments removed (RFC 3986 §5.2.4); "/" when empty. */
  private static String path(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= raw.length()) {
        return null;
      }
      int hi = Character.digit(raw.charAt(i + 1), 16);
      int lo = Character.digit(raw.charAt(i + 2), 16);
      if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 'f' || raw.charAt(i + 2) > 'f') {
        return null;
      }
      char decoded = (char) (hi * 16 + lo);
      if (Character.isLetterOrDigit(decoded) && decoded < 0x80
          || UNRESERVED_MARKS.indexOf(decoded) >= 0) {
        out.append(decoded);
      } else {
        out.append('%').append(raw.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
      }
      i += 2;
    }
    return withoutDotSegments(out.toString());
  }

  private static String withoutDotSegments(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      boolean last = i == segments.length - 1;
      if (s.equals(".") || s.equals("..")) {
        if (s.equals("..") && !kept.isEmpty()) {
          kept.removeLast();
        }
        if (last) {
          kept.addLast("");
        }
      } else {
        kept.addLast(s);
      }
    }
    return "/" + String.join("/", kept);
  }
}
