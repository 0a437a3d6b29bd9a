package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.Flood;
import dev.portcullis.web.AuthenticationFilter;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct random API keys against the JDBC key store (H2 in memory, statements counted
 * at the connection): each well-formed unknown key costs at most one lookup, a malformed one none,
 * a repeated one one in total; the retained heap stays within the verdict cache's bound; a valid
 * key keeps working throughout.
 */
class ApiKeyFloodTest {
  private static final String ALICE = "a11ce00000000009";
  private static final int CACHE_SIZE = 10_000;
  private final FakeTime time = new FakeTime();
  private final AtomicInteger lookups = new AtomicInteger();
  private Connection keepAlive;
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:flood;DB_CLOSE_DELAY=-1");
    keepAlive = h2.getConnection();
    try (Statement ddl = keepAlive.createStatement();
        InputStream sql = getClass().getResourceAsStream("/dev/portcullis/apikey/jdbc/h2.sql")) {
      ddl.execute("DROP ALL OBJECTS");
      ddl.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
      ddl.execute(
          "INSERT INTO portcullis_api_keys (id, hash, principal, scopes, roles, revoked,"
              + " created_at) VALUES ('"
              + ALICE
              + "', '"
              + hash(key(ALICE))
              + "', 'alice', 'orders:read', '', FALSE, CURRENT_TIMESTAMP)");
    }
    CapturingStoreFactory.dataSource = counting(h2);
    filter =
        FilterCalls.filter(
            time,
            Map.of(
                "apiKey.store", "jdbcTest",
                "apiKey.cacheMaximumSize", String.valueOf(CACHE_SIZE),
                "apiKey.lastUsedFlushInterval", "0s"));
  }

  @AfterEach
  void stop() throws Exception {
    filter.destroy();
    keepAlive.close();
  }

  @Test
  void doFilterWhenFloodedWithDistinctRandomKeysThenOneLookupEachAndHeapBounded() throws Exception {
    assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
    long before = Flood.retainedHeap();
    int start = lookups.get();
    int wellFormed = 0;
    for (int i = 0; i < Flood.SIZE; i++) {
      boolean formatted = i % 2 == 0;
      String random =
          formatted
              ? "pc_" + Flood.randomHex(8) + "_" + Flood.randomBase64Url(32)
              : Flood.randomBase64Url(1 + i % 60);
      wellFormed += formatted ? 1 : 0;
      assertThat(FilterCalls.send(filter, random).status()).isIn(400, 401);
      if (i % 1_000 == 0) {
        time.advance(Duration.ofSeconds(1));
        assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
      }
    }
    long after = Flood.retainedHeap();
    int calls = lookups.get() - start;

    String repeated = "pc_" + Flood.randomHex(8) + "_" + Flood.randomBase64Url(32);
    int beforeRepeat = lookups.get();
    for (int i = 0; i < 10_000; i++) {
      assertThat(FilterCalls.send(filter, repeated).status()).isEqualTo(401);
    }

    long retained = after - before;
    Flood.report(
        "apiKey",
        "keys=%d wellFormed=%d lookups=%d repeatedKeyLookups=%d retainedBytes=%d"
            + " bytesPerFloodKey=%.1f cacheMaximumSize=%d",
        Flood.SIZE,
        wellFormed,
        calls,
        lookups.get() - beforeRepeat,
        retained,
        (double) retained / Flood.SIZE,
        CACHE_SIZE);
    // alice's verdict may be evicted by the flood: at most one lookup per check
    assertThat(calls).isBetween(wellFormed, wellFormed + Flood.SIZE / 1_000 + 1);
    assertThat(lookups.get() - beforeRepeat).isEqualTo(1);
    assertThat(retained).isLessThan(CACHE_SIZE * 1_024L);
  }

  private DataSource counting(DataSource target) {
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(method, target, args);
              return method.getName().equals("getConnection")
                  ? countingConnection((Connection) result)
                  : result;
            });
  }

  private Connection countingConnection(Connection target) {
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("prepareStatement")
                  && ((String) args[0]).startsWith("SELECT")) {
                lookups.incrementAndGet();
              }
              return invoke(method, target, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
