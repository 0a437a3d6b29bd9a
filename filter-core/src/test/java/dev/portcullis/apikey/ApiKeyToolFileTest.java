package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key tool's lifecycle commands on a key file ({@code --file}). */
class ApiKeyToolFileTest {
  @TempDir Path directory;
  private Path file;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void keyFile() throws Exception {
    file = directory.resolve("keys.properties");
    Files.writeString(file, "# demo keys\n");
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return ApiKeyTool.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.<String, String>of()::get);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String create(String principal) {
    assertThat(run("--principal", principal, "--scopes", "a b", "--file", file.toString()))
        .isZero();
    String key = output().split("\n")[1];
    assertThat(output().split("\n")[3]).startsWith("Stored key id ");
    return new ApiKeyFormat(java.util.List.of("pc_")).idOf(key).orElseThrow();
  }

  @Test
  void runWhenCreatedWithFileThenKeyAppendedAndListedWithoutHashOrKey() throws Exception {
    assertThat(run("--principal", "alice", "--roles", "admin", "--file", file.toString())).isZero();
    String key = output().split("\n")[1];
    String id = new ApiKeyFormat(java.util.List.of("pc_")).idOf(key).orElseThrow();

    assertThat(run("--list", "--file", file.toString())).isZero();

    String[] lines = output().split("\n");
    assertThat(lines[0])
        .isEqualTo("id\tname\tprincipal\tstate\tcreated\texpires\tlastUsed\tscopes\troles");
    assertThat(lines[1]).startsWith(id + "\t-\talice\tactive\t20").endsWith("\t-\t-\t\tadmin");
    assertThat(output()).doesNotContain("sha256").doesNotContain(key.substring(20));
    assertThat(Files.readString(file)).startsWith("# demo keys\n" + id + "=hash=sha256:");
  }

  @Test
  void runWhenRotatedThenNewKeyPrintedOnceAndOldExpiresAfterGrace() throws Exception {
    String id = create("bob");
    Instant before = Instant.now();

    assertThat(run("--rotate", id, "--grace", "5s", "--file", file.toString())).isZero();

    String[] lines = output().split("\n");
    String newId = new ApiKeyFormat(java.util.List.of("pc_")).idOf(lines[1]).orElseThrow();
    assertThat(lines[3]).startsWith("Rotated key id " + id + ": new key id " + newId + "; ");
    Instant end = Instant.parse(lines[3].substring(lines[3].lastIndexOf(' ') + 1));
    assertThat(end).isBetween(before.plusSeconds(5), Instant.now().plusSeconds(5));
    assertThat(output()).containsOnlyOnce(lines[1]);
  }

  @Test
  void runWhenExpireDisableEnableRevokeThenEachReportedAndStateListed() throws Exception {
    String id = create("carol");
    String f = file.toString();

    assertThat(run("--expire", id, "2030-01-01T00:00:00Z", "--file", f)).isZero();
    assertThat(output()).isEqualTo("Key id " + id + " expires at 2030-01-01T00:00:00Z\n");
    assertThat(run("--expire", id, "never", "--file", f)).isZero();
    assertThat(output()).isEqualTo("Key id " + id + " never expires\n");
    assertThat(run("--disable", id, "--file", f)).isZero();
    assertThat(output()).isEqualTo("Disabled key id " + id + "\n");
    assertThat(run("--list", "--file", f)).isZero();
    assertThat(output()).contains(id + "\t-\tcarol\tdisabled\t");
    assertThat(run("--enable", id, "--file", f)).isZero();
    assertThat(output()).isEqualTo("Enabled key id " + id + "\n");
    assertThat(run("--revoke", id, "--file", f)).isZero();
    assertThat(output()).isEqualTo("Revoked key id " + id + "\n");
    assertThat(run("--list", "--file", f)).isZero();
    assertThat(output()).contains(id + "\t-\tcarol\trevoked\t");
  }

  @Test
  void runWhenIdUnknownThenExitStatus1WithMessage() {
    assertThat(run("--disable", "0000000000000000", "--file", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("No key with id 0000000000000000\n");
  }

  @Test
  void runWhenCommandsMisusedThenUsageError() {
    String f = file.toString();
    assertThat(run("--list")).isEqualTo(2);
    assertThat(run("--list", "--revoke", "0000000000000000", "--file", f)).isEqualTo(2);
    assertThat(run("--list", "--principal", "x", "--file", f)).isEqualTo(2);
    assertThat(run("--expire", "0000000000000000", "--file", f)).isEqualTo(2);
    assertThat(run("--expire", "0000000000000000", "tomorrow", "--file", f)).isEqualTo(2);
    assertThat(run("--rotate", "0000000000000000", "--grace", "soon", "--file", f)).isEqualTo(2);
    assertThat(run("--list", "--file", f, "--jdbc-url", "jdbc:x")).isEqualTo(2);
  }

  @Test
  void runWhenFileMissingThenExitStatus1() {
    assertThat(run("--list", "--file", directory.resolve("none").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Could not change the keys: ");
  }
}
