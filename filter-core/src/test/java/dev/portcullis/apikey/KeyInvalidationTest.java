package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Authenticator;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change made through one filter's key lifecycle reaches another filter on the same grid at once,
 * although the key is cached there and its own store would re-read the file only in an hour: two
 * filters of one web application share the local grid as two nodes share a clustered one.
 */
class KeyInvalidationTest {
  private final FakeTime time = new FakeTime();
  private final ServletContext context = new FakeFilterConfig().getServletContext();
  @TempDir Path directory;

  @Test
  void revokeWhenKeyCachedOnOtherNodeThenRefusedThereWithoutWaitingForTtl() throws Exception {
    Path file = directory.resolve("keys.properties");
    Files.writeString(file, "# keys\n");
    AuthenticationFilter nodeA = start("a", file);
    AuthenticationFilter nodeB = start("b", file);
    KeyLifecycle keys = KeyAdministration.of(context).orElseThrow().keys();
    KeyLifecycle.Created made = keys.create("alice", Set.of(), Set.of(), null, KeyMetadata.NONE);
    assertThat(status(nodeB, made.key())).isEqualTo(200);

    keys.revoke(made.record().id());

    assertThat(status(nodeB, made.key())).isEqualTo(401);
    assertThat(status(nodeA, made.key())).isEqualTo(401);
    nodeA.destroy();
    nodeB.destroy();
    assertThat(KeyAdministration.of(context)).isEmpty();
  }

  @Test
  void readinessWhenLocalGridThenRevocationBoundIsTheGrid() throws Exception {
    Path file = directory.resolve("keys.properties");
    Files.writeString(file, "# keys\n");
    Authenticator apiKey =
        new ApiKeyAuthenticatorFactory()
            .create(
                Config.of(Map.of("apiKey.file", file.toString()), n -> null).child("apiKey"),
                Environment.of("api", time, time, null));

    assertThat(apiKey.readiness())
        .singleElement()
        .satisfies(r -> assertThat(r.data()).containsEntry("revocationBound", "grid"));
    apiKey.close();
  }

  private static int status(AuthenticationFilter filter, String key) throws Exception {
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api/me").header("X-API-Key", key).build(),
        response.servlet(),
        new RecordingChain());
    return response.status();
  }

  private AuthenticationFilter start(String name, Path file) throws Exception {
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("apiKey")
            .time(time, time)
            .set("apiKey.file", file.toString())
            .set("apiKey.reloadInterval", "1h")
            .set("apiKey.cacheTtl", "1h")
            .set("apiKey.lastUsedFlushInterval", "0s")
            .build();
    Map<String, String> none = Map.of();
    filter.init(
        new FilterConfig() {
          @Override
          public String getFilterName() {
            return name;
          }

          @Override
          public ServletContext getServletContext() {
            return context;
          }

          @Override
          public String getInitParameter(String key) {
            return none.get(key);
          }

          @Override
          public Enumeration<String> getInitParameterNames() {
            return Collections.emptyEnumeration();
          }
        });
    return filter;
  }
}
