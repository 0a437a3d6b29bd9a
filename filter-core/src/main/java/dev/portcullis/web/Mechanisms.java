package dev.portcullis.web;

import dev.portcullis.Authenticator;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds {@link AuthenticatorFactory} implementations by name and creates the authenticators. */
final class Mechanisms {
  private Mechanisms() {}

  /**
   * Creates one authenticator per distinct mechanism name, in first-use order.
   *
   * @throws ConfigurationException for an unknown name, naming the available ones
   */
  static Map<String, Authenticator> create(
      FilterSettings settings, Config config, Environment environment, ClassLoader loader) {
    Map<String, AuthenticatorFactory> factories = new LinkedHashMap<>();
    for (AuthenticatorFactory factory : ServiceLoader.load(AuthenticatorFactory.class, loader)) {
      AuthenticatorFactory other = factories.putIfAbsent(factory.name(), factory);
      if (other != null && other.getClass() != factory.getClass()) {
        throw new ConfigurationException(
            "Two mechanisms are named ["
                + factory.name()
                + "]: "
                + other.getClass().getName()
                + " and "
                + factory.getClass().getName());
      }
    }
    Map<String, Authenticator> created = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    settings.branches().forEach(names::addAll);
    try {
      for (String name : names) {
        if (created.containsKey(name)) {
          continue;
        }
        AuthenticatorFactory factory = factories.get(name);
        if (factory == null) {
          throw config.invalid(
              AuthenticationFilter.MECHANISMS,
              name,
              "no such mechanism on the class path; available: " + factories.keySet());
        }
        created.put(name, factory.create(config.child(name), environment));
      }
    } catch (RuntimeException e) {
      created.values().forEach(Authenticator::close);
      throw e;
    }
    return created;
  }

  /**
   * The credential headers of all mechanisms, each once (compared case-insensitively), and {@code
   * DPoP} when the filter reads DPoP proofs.
   */
  static String vary(Collection<Authenticator> authenticators, boolean dpop) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Authenticator a : authenticators) {
      a.credentialHeaders().stream()
          .sorted()
          .forEach(h -> headers.putIfAbsent(h.toLowerCase(Locale.ROOT), h));
    }
    if (dpop) {
      headers.putIfAbsent("dpop", "DPoP");
    }
    return headers.isEmpty() ? null : String.join(", ", headers.values());
  }
}
