package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file as a {@link ManagedApiKeyStore}: the contract, and what only a file does. */
class FileStoreLifecycleTest extends ManagedStoreContract {
  private static final String HEADER = "# keys of the orders API\n! owner: ops\n\n";
  private static final String ALICE =
      "ec1903ce1d43aa67 = hash=sha256:ys6nJi5u4HaeOzoS8-cL-ch02Ra0a6b-3pfmfxZTq7c;principal=alice";

  @TempDir Path directory;

  @Override
  protected ManagedApiKeyStore newStore() throws Exception {
    Path file = directory.resolve("keys.properties");
    Files.writeString(file, HEADER + ALICE + "\n# trailing note\n", StandardCharsets.UTF_8);
    return open(file);
  }

  private FileApiKeyStore open(Path file) throws Exception {
    return new FileApiKeyStore(file, Duration.ofHours(1), time, time, Duration.ofHours(1), 100);
  }

  @Test
  void updateWhenKeyChangedThenCommentsBlankLinesAndOtherKeysKeptByteForByte() throws Exception {
    Path file = directory.resolve("keys.properties");
    store().create(record("0123456789abcdef", "bob"));

    store().update("ec1903ce1d43aa67", r -> r.withState(false, true));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.subList(0, 3)).containsExactly("# keys of the orders API", "! owner: ops", "");
    assertThat(lines.get(3))
        .isEqualTo(
            "ec1903ce1d43aa67=hash=sha256:ys6nJi5u4HaeOzoS8-cL-ch02Ra0a6b-3pfmfxZTq7c;"
                + "principal=alice;scopes=;roles=;disabled=true");
    assertThat(lines.get(4)).isEqualTo("# trailing note");
    assertThat(lines.get(5)).startsWith("0123456789abcdef=hash=sha256:").contains(";created=");
    assertThat(store().findById("ec1903ce1d43aa67").orElseThrow().disabled()).isTrue();
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("keys.properties", "keys.properties.lock");
    }
  }

  @Test
  void createWhenIdExistsThenRefusedAndFileUnchanged() throws Exception {
    Path file = directory.resolve("keys.properties");
    String before = Files.readString(file);

    assertThatThrownBy(() -> store().create(record("ec1903ce1d43aa67", "mallory")))
        .isInstanceOf(KeyStoreAccessException.class)
        .hasMessageContaining("key id [ec1903ce1d43aa67] exists already");
    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void createWhenTwoWritersAddAtOnceThenNoKeyIsLost() throws Exception {
    Path file = directory.resolve("keys.properties");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (FileApiKeyStore other = open(file)) {
      List<Future<Void>> done = new ArrayList<>();
      for (ManagedApiKeyStore writer : List.of(store(), other)) {
        int base = done.size() * 100;
        Callable<Void> adds =
            () -> {
              for (int i = 0; i < 40; i++) {
                writer.create(record(String.format("%016x", base + i + 1), "p"));
              }
              return null;
            };
        done.add(pool.submit(adds));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(ApiKeyFile.read(file)).hasSize(81);
  }

  @Test
  void recordUseWhenFlushedThenListShowsLastUseAndKeyFileUntouched() throws Exception {
    Path file = directory.resolve("keys.properties");
    String before = Files.readString(file);
    FileApiKeyStore store = (FileApiKeyStore) store();

    store.recordUse("ec1903ce1d43aa67");
    assertThat(store.list(null, 1).get(0).lastUsed()).isNull();
    time.advance(Duration.ofMinutes(3));
    store.flushLastUsed();

    assertThat(store.list(null, 1).get(0).lastUsed()).isEqualTo(time.instant());
    assertThat(Files.readString(file)).isEqualTo(before);
    assertThat(Files.readString(directory.resolve("keys.properties.last-used")))
        .isEqualTo("ec1903ce1d43aa67=" + time.instant() + "\n");
  }

  private static ApiKeyRecord record(String id, String principal) {
    return new ApiKeyRecord(
        id, ApiKeyHasher.sha256().hash(id), principal, Set.of("a"), Set.of(), null, false);
  }
}
