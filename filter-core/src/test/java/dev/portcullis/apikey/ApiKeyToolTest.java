package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyToolTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return ApiKeyTool.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env::get);
  }

  @Test
  void runWhenPrincipalGivenThenPrintsKeyAndMatchingStoreLine() {
    int status =
        run(Map.of(), "--principal", "alice", "--scopes", "orders:read", "--roles", "admin");

    assertThat(status).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    String key = lines[1];
    String storeLine = lines[4];
    String id = new ApiKeyFormat(List.of("pc_")).idOf(key).orElseThrow();
    ApiKeyRecord record = ApiKeyFile.parse(id, storeLine.substring(id.length() + 1));
    assertThat(record.hash()).isEqualTo(ApiKeyHasher.sha256().hash(key));
    assertThat(record.principal()).isEqualTo("alice");
    assertThat(record.scopes()).containsExactly("orders:read");
    assertThat(record.roles()).containsExactly("admin");
    assertThat(storeLine).doesNotContain(key.substring(20));
  }

  @Test
  void runWhenPepperEnvGivenThenHmacHash() {
    String pepper = "p".repeat(40);
    int status = run(Map.of("PEPPER", pepper), "--principal", "svc", "--pepper-env", "PEPPER");

    assertThat(status).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines[4]).contains("hash=" + ApiKeyHasher.hmac(pepper).hash(lines[1]) + ";");
  }

  @Test
  void runWhenPrefixGivenThenKeyPrintedOnceWithScannerPatternMatchingIt() {
    int status = run(Map.of(), "--principal", "svc", "--prefix", "acme_live_");

    assertThat(status).isZero();
    String output = out.toString(StandardCharsets.UTF_8);
    String[] lines = output.split("\n");
    String key = lines[1];
    assertThat(key).startsWith("acme_live_");
    assertThat(new ApiKeyFormat(List.of("acme_live_")).idOf(key)).isPresent();
    assertThat(output).containsOnlyOnce(key);
    assertThat(lines[6])
        .isEqualTo("Secret scanner pattern (gitleaks regex, GitHub custom pattern):");
    assertThat(key).matches(lines[7].replace("\\b", ""));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void runWhenPrefixInvalidThenUsageError() {
    assertThat(run(Map.of(), "--principal", "svc", "--prefix", "9x")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void runWhenPrincipalMissingOrOptionUnknownThenUsageError() {
    assertThat(run(Map.of(), "--scopes", "a")).isEqualTo(2);
    assertThat(run(Map.of(), "--principal", "a", "--bogus", "x")).isEqualTo(2);
    assertThat(run(Map.of(), "--principal", "a", "--expires", "tomorrow")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void runWhenMetadataGivenThenStoreLineCarriesIt() {
    int status =
        run(
            Map.of(),
            "--principal",
            "ci",
            "--name",
            "CI deploys",
            "--tenant",
            "acme",
            "--environment",
            "prod",
            "--meta",
            "team=payments",
            "--meta",
            "plan=pro=max");

    assertThat(status).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    String id = new ApiKeyFormat(List.of("pc_")).idOf(lines[1]).orElseThrow();
    assertThat(lines[4])
        .endsWith(
            ";principal=ci;scopes=;roles=;name=CI deploys;tenant=acme;environment=prod"
                + ";meta.team=payments;meta.plan=pro=max");
    ApiKeyRecord record = ApiKeyFile.parse(id, lines[4].substring(id.length() + 1));
    assertThat(record.metadata())
        .isEqualTo(
            new KeyMetadata(
                "CI deploys", "acme", "prod", Map.of("team", "payments", "plan", "pro=max")));
  }

  @Test
  void runWhenMetadataBreaksARuleThenUsageErrorNamingItAndNoKey() {
    assertThat(run(Map.of(), "--principal", "ci", "--tenant", "a;b")).isEqualTo(2);
    assertThat(run(Map.of(), "--principal", "ci", "--meta", "team")).isEqualTo(2);
    assertThat(run(Map.of(), "--principal", "ci", "--meta", "t=a", "--meta", "t=b")).isEqualTo(2);
    assertThat(run(Map.of(), "--principal", "ci", "--name", "a", "--name", "b")).isEqualTo(2);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8).split("\n"))
        .startsWith(
            "tenant must not contain ';', '\\' or control characters, nor start or end with white"
                + " space",
            "--meta takes NAME=VALUE, each NAME once: []",
            "--meta takes NAME=VALUE, each NAME once: [t]");
  }

  @Test
  void generateWhenCalledThenKeysAreWellFormedAndDistinct() {
    String a = ApiKeyFormat.generate("pc_");
    String b = ApiKeyFormat.generate("pc_");
    assertThat(new ApiKeyFormat(List.of("pc_")).idOf(a)).isPresent();
    assertThat(a).isNotEqualTo(b).startsWith("pc_").hasSize(68);
  }
}
