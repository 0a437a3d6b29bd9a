package dev.portcullis.apikey;

import dev.portcullis.CredentialShapes;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.config.Environment;
import java.util.Optional;

/**
 * Connects an {@code apiKey} filter to the key lifecycle: key changes announced on the filter's
 * grid make this node re-read its store and drop its verdicts, and a store that can be changed gets
 * a {@link KeyAdministration} in the servlet context for the admin API and the leaked-key endpoint.
 */
final class KeyWiring {
  private static final System.Logger LOG = System.getLogger(KeyWiring.class.getName());

  /** What a lifecycle needs besides the store: how keys look and are hashed, and the admin role. */
  record Keys(
      ApiKeyFormat format, String prefix, ApiKeyHasher hasher, Optional<String> adminRole) {}

  private KeyWiring() {}

  static void wire(
      ApiKeyAuthenticator authenticator,
      ApiKeyStore store,
      VerdictCache cache,
      Environment environment,
      Keys keys) {
    CredentialShapes.keyShapes(environment.servletContext()).add(keys.format().allPrefixes());
    KeyInvalidation invalidation = KeyInvalidation.over(environment.grid());
    AutoCloseable subscription =
        invalidation.subscribe(
            id -> {
              store.refresh();
              cache.invalidateAll();
            });
    authenticator.onClose(() -> close(subscription));
    authenticator.revocation(invalidation::bound);
    if (store instanceof ManagedApiKeyStore managed) {
      KeyLifecycle lifecycle =
          new KeyLifecycle(
              managed,
              keys.format(),
              keys.prefix(),
              keys.hasher(),
              environment.clock(),
              invalidation);
      publish(new KeyAdministration(lifecycle, keys.adminRole()), environment, authenticator);
    }
  }

  private static void close(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) { // a subscription that cannot close must not stop the filter's close
      LOG.log(System.Logger.Level.WARNING, "Could not unsubscribe from key changes: {0}", e);
    }
  }

  /**
   * Puts the administration in the servlet context, unless another filter did first, and takes it
   * out again when the filter is destroyed (the deployment check's throw-away filter is).
   */
  private static void publish(
      KeyAdministration administration, Environment environment, ApiKeyAuthenticator owner) {
    environment
        .servletContext()
        .ifPresent(
            context -> {
              if (KeyAdministration.of(context).isPresent()) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "Another apiKey filter administers the keys of this application already;"
                        + " the admin API and leaked-key endpoint stay with that one");
                return;
              }
              context.setAttribute(KeyAdministration.ATTRIBUTE, administration);
              owner.onClose(
                  () -> {
                    if (context.getAttribute(KeyAdministration.ATTRIBUTE) == administration) {
                      context.removeAttribute(KeyAdministration.ATTRIBUTE);
                    }
                  });
            });
  }
}
