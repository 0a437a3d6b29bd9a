package dev.portcullis.mtls;

import dev.portcullis.mtls.ForwardedCertificates.MalformedException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Envoy's {@code x-forwarded-client-cert}: comma-separated elements of {@code key=value} pairs
 * separated by {@code ;}; a value is a token or a double-quoted string with backslash escapes.
 * Behind one trusted proxy hop ({@code forward_client_cert_details: SANITIZE_SET}) the field holds
 * exactly one element, the one describing the client of that proxy; more elements mean an appending
 * proxy chain whose first entries no trusted party vouches for, so they are refused.
 */
final class Xfcc {
  private static final Pattern KEY = Pattern.compile("[a-z]+");
  private static final int MAX_ELEMENTS = 8;

  private Xfcc() {}

  /**
   * The certificates of the single element: its {@code Cert} first, then the issuers from {@code
   * Chain} (which Envoy sends leaf first, so its first block must be that same certificate).
   *
   * @param value the field value
   * @return one or more certificates, leaf first
   * @throws MalformedException when the field is malformed, has more than one element, lacks {@code
   *     Cert} or has a {@code Chain} not starting with it
   */
  static List<X509Certificate> chain(String value) throws MalformedException {
    List<Map<String, String>> elements = parse(value);
    if (elements.size() != 1) {
      throw new MalformedException();
    }
    Map<String, String> element = elements.get(0);
    String cert = element.get("cert");
    if (cert == null) {
      throw new MalformedException();
    }
    X509Certificate leaf = ForwardedCertificates.exactlyOne(ForwardedCertificates.pem(cert)).get(0);
    String chain = element.get("chain");
    if (chain == null) {
      return List.of(leaf);
    }
    List<X509Certificate> all = ForwardedCertificates.pem(chain);
    if (all.isEmpty() || !all.get(0).equals(leaf)) {
      throw new MalformedException();
    }
    return all;
  }

  /** The elements, each a map of lower-case keys to unquoted values; duplicate keys refused. */
  static List<Map<String, String>> parse(String value) throws MalformedException {
    List<Map<String, String>> elements = new ArrayList<>();
    Map<String, String> element = new HashMap<>();
    int n = value.length();
    int i = 0;
    while (true) {
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        throw new MalformedException();
      }
      String key = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      if (!KEY.matcher(key).matches()) {
        throw new MalformedException();
      }
      StringBuilder v = new StringBuilder();
      i = eq + 1;
      if (i < n && value.charAt(i) == '"') {
        i = quoted(value, i + 1, v);
      } else {
        while (i < n && ",;\"".indexOf(value.charAt(i)) < 0) {
          v.append(value.charAt(i++));
        }
      }
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      if (element.putIfAbsent(key, v.toString().strip()) != null) {
        throw new MalformedException();
      }
      if (i >= n) {
        elements.add(element);
        return elements;
      }
      char separator = value.charAt(i++);
      if (separator == ',' && elements.size() < MAX_ELEMENTS) {
        elements.add(element);
        element = new HashMap<>();
      } else if (separator != ';') {
        throw new MalformedException();
      }
    }
  }

  /** Reads a quoted string after its opening quote into {@code out}; returns the index after it. */
  private static int quoted(String value, int start, StringBuilder out) throws MalformedException {
    int i = start;
    while (i < value.length()) {
      char c = value.charAt(i++);
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        if (i >= value.length()) {
          break;
        }
        c = value.charAt(i++);
      }
      out.append(c);
    }
    throw new MalformedException();
  }
}
