package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonException;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** The JSON-P provider is found once, also where only the server's class path has it. */
class JsonReadersTest {
  private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], null);

  @Test
  void createWhenContextClassLoaderCannotSeeProviderThenStillReads() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(EMPTY);
    JsonReaderFactory factory;
    try {
      factory = JsonReaders.create();
    } finally {
      thread.setContextClassLoader(previous);
    }
    assertThat(factory.createReader(new StringReader("{\"active\":true}")).readObject())
        .containsKey("active");
  }

  @Test
  void readWhenMemberDuplicatedThenRefused() {
    JsonReaderFactory factory = JsonReaders.create();
    assertThatThrownBy(
            () ->
                factory
                    .createReader(new StringReader("{\"active\":false,\"active\":true}"))
                    .readObject())
        .isInstanceOf(JsonException.class);
  }
}
