package dev.portcullis.mtls;

import static dev.portcullis.mtls.MtlsAuthenticatorFactory.ROLES;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.ROLES_FROM_SUBJECT;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.ROLE_MAP;

import dev.portcullis.config.Config;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The roles of an accepted certificate: the static {@code roles}, the values of the subject
 * attributes named by {@code rolesFromSubject}, and the roles {@code roleMap} gives its principal.
 */
final class RoleMapping {
  /** OIDs of the attributes {@link X500Principal#RFC2253} writes by keyword; others as OIDs. */
  private static final Map<String, String> KEYWORDS =
      Map.of(
          "2.5.4.6", "C",
          "2.5.4.3", "CN",
          "0.9.2342.19200300.100.1.25", "DC",
          "2.5.4.7", "L",
          "2.5.4.10", "O",
          "2.5.4.11", "OU",
          "2.5.4.8", "ST",
          "2.5.4.9", "STREET",
          "0.9.2342.19200300.100.1.1", "UID");

  private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9})){1,30}");
  private static final Pattern ROLE = Pattern.compile("[^\\s,;:]+");
  private static final Pattern ENTRY_SEPARATOR = Pattern.compile("(?<!\\\\);");
  private static final String ROLE_MAP_SYNTAX = "expected principal:role,role;principal:role";

  private final List<String> roles;
  private final Set<String> subjectAttributes;
  private final Map<String, List<String>> map;

  RoleMapping(List<String> roles, Set<String> subjectAttributes, Map<String, List<String>> map) {
    this.roles = List.copyOf(roles);
    this.subjectAttributes = Set.copyOf(subjectAttributes);
    this.map = Map.copyOf(map);
  }

  /** Reads {@code roles}, {@code rolesFromSubject} and {@code roleMap}. */
  static RoleMapping read(Config c) {
    Set<String> attributes = new LinkedHashSet<>();
    for (String name : c.list(ROLES_FROM_SUBJECT)) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (!KEYWORDS.containsValue(upper) && !OID.matcher(name).matches()) {
        throw c.invalid(
            ROLES_FROM_SUBJECT, name, "expected C, CN, DC, L, O, OU, ST, STREET, UID or an OID");
      }
      attributes.add(KEYWORDS.getOrDefault(upper, upper));
    }
    return new RoleMapping(
        c.list(ROLES), attributes, c.string(ROLE_MAP).map(v -> map(c, v)).orElse(Map.of()));
  }

  /**
   * Parses {@code principal:role,role;principal:role}. The principal ends at the entry's last
   * {@code :} (so SPIFFE IDs and DNs need no escaping); a {@code ;} inside a principal is written
   * {@code \;} as RFC 2253 does.
   */
  private static Map<String, List<String>> map(Config c, String value) {
    Map<String, List<String>> map = new HashMap<>();
    for (String entry : ENTRY_SEPARATOR.split(value, -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.lastIndexOf(':');
      String principal = colon < 0 ? "" : entry.substring(0, colon).strip();
      List<String> roles = new ArrayList<>();
      for (String role : entry.substring(colon + 1).split(",", -1)) {
        if (!ROLE.matcher(role.strip()).matches()) {
          throw c.invalid(ROLE_MAP, value, ROLE_MAP_SYNTAX);
        }
        roles.add(role.strip());
      }
      if (principal.isEmpty()) {
        throw c.invalid(ROLE_MAP, value, ROLE_MAP_SYNTAX);
      }
      if (map.putIfAbsent(principal, roles) != null) {
        throw c.invalid(ROLE_MAP, value, "principal " + principal + " is listed twice");
      }
    }
    return map;
  }

  /**
   * The roles of a validated certificate.
   *
   * @param leaf the certificate
   * @param principal its principal name
   * @return the roles, in the order configured, without duplicates
   */
  Set<String> roles(X509Certificate leaf, String principal) {
    Set<String> result = new LinkedHashSet<>(roles);
    if (!subjectAttributes.isEmpty()) {
      result.addAll(subjectValues(leaf));
    }
    result.addAll(map.getOrDefault(principal, List.of()));
    return result;
  }

  private List<String> subjectValues(X509Certificate leaf) {
    List<String> values = new ArrayList<>();
    try {
      String dn = leaf.getSubjectX500Principal().getName(X500Principal.RFC2253);
      List<Rdn> rdns = new LdapName(dn).getRdns();
      // LdapName lists RDNs from the least to the most specific; roles follow the DN's order.
      for (int i = rdns.size() - 1; i >= 0; i--) {
        NamingEnumeration<? extends Attribute> all = rdns.get(i).toAttributes().getAll();
        while (all.hasMore()) {
          Attribute attribute = all.next();
          if (subjectAttributes.contains(attribute.getID().toUpperCase(Locale.ROOT))) {
            NamingEnumeration<?> each = attribute.getAll();
            while (each.hasMore()) {
              if (each.next() instanceof String v && !v.isBlank()) {
                values.add(v);
              }
            }
          }
        }
      }
    } catch (NamingException e) {
      return List.of();
    }
    return values;
  }
}
