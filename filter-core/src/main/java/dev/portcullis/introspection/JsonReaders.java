package dev.portcullis.introspection;

import dev.portcullis.ConfigurationException;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the JSON-P provider once, when the filter starts, so request threads never search class
 * loaders. Duplicate member names are refused (so {@code "active":false,"active":true} cannot be
 * read two ways).
 */
final class JsonReaders {
  private JsonReaders() {}

  /**
   * The standard lookup (thread context class loader, then the API's own loader), and if that fails
   * the providers visible to this library's class loader, as when the provider lives only on the
   * server's class path.
   */
  static JsonReaderFactory create() {
    return create(IntrospectionAuthenticatorFactory.class.getClassLoader());
  }

  static JsonReaderFactory create(ClassLoader fallback) {
    JsonProvider provider;
    try {
      provider = JsonProvider.provider();
    } catch (JsonException e) {
      Iterator<JsonProvider> found = ServiceLoader.load(JsonProvider.class, fallback).iterator();
      if (!found.hasNext()) {
        throw new ConfigurationException(
            "The introspection mechanism needs a Jakarta JSON Processing (JSON-P) provider such as"
                + " org.eclipse.parsson:parsson; the server provides one in Jakarta EE",
            e);
      }
      provider = found.next();
    }
    return provider.createReaderFactory(
        Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
  }
}
