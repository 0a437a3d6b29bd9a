package dev.portcullis.introspection;

import dev.portcullis.config.ConfigurationException;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.util.Map;

/**
 * Finds the JSON-P provider once, on the thread that starts the filter, so request threads and the
 * HTTP client's threads never search class loaders. The standard lookup tries the thread context
 * class loader (the web application's, which sees the server's libraries) and then the loader of
 * the JSON-P API itself, so a provider that exists only on the server's class path is found.
 * Duplicate member names are refused, so {@code "active":false,"active":true} cannot be read two
 * ways.
 */
final class JsonReaders {
  private JsonReaders() {}

  static JsonReaderFactory create() {
    JsonProvider provider;
    try {
      provider = JsonProvider.provider();
    } catch (JsonException e) {
      throw new ConfigurationException(
          "The introspection mechanism needs a Jakarta JSON Processing (JSON-P) provider such as"
              + " org.eclipse.parsson:parsson; Jakarta EE servers provide one",
          e);
    }
    return provider.createReaderFactory(
        Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
  }
}
