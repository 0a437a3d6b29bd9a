package dev.portcullis.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for where an outbound call may go: {@code https}, or plain {@code http} only to a
 * loopback host (tests and on-host demo issuers). Decided from the literal host, without a DNS
 * lookup.
 */
public final class Endpoints {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private Endpoints() {}

  /**
   * Whether an address may be called.
   *
   * @param uri an absolute address
   * @return true for {@code https} with a host, or {@code http} to a loopback host
   */
  public static boolean allowed(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    return scheme.equals("https") || (scheme.equals("http") && isLoopback(host));
  }

  /**
   * Whether a literal host names this machine: {@code localhost}, {@code [::1]} or an address in
   * {@code 127.0.0.0/8} (RFC 1122 §3.2.1.3).
   *
   * @param host the host as written in a URI
   * @return true for a loopback host
   */
  public static boolean isLoopback(String host) {
    return host.equalsIgnoreCase("localhost")
        || host.equals("[::1]")
        || IPV4_LOOPBACK.matcher(host).matches();
  }
}
