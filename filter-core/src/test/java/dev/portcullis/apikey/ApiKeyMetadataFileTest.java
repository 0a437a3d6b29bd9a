package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key metadata in the key file: optional fields, old files unchanged, errors by key id and field.
 */
class ApiKeyMetadataFileTest {
  private static final String ID = "ec1903ce1d43aa67";
  private static final String HASH = "sha256:ys6nlsDSZXrvWdgGQhOdCKX3WN5MLfNIOz3jJL79Rgg";

  @TempDir Path dir;

  @Test
  void readWhenMetadataFieldsThenOnRecord() throws Exception {
    Path file = dir.resolve("keys.properties");
    Files.writeString(
        file,
        ID
            + "=hash="
            + HASH
            + ";principal=alice;name=CI deploys;tenant=acme;environment=test;"
            + "meta.team=payments;meta.plan=pro\n");

    ApiKeyRecord record = ApiKeyFile.read(file).get(ID);

    assertThat(record.metadata())
        .isEqualTo(
            new KeyMetadata(
                "CI deploys", "acme", "test", Map.of("plan", "pro", "team", "payments")));
    assertThat(record.metadata().entries())
        .containsExactly(Map.entry("plan", "pro"), Map.entry("team", "payments"));
  }

  @Test
  void readWhenLineOfOldFormatThenNoMetadata() throws Exception {
    Path file = dir.resolve("keys.properties");
    Files.writeString(file, ApiKeyFilterTest.ALICE_LINE + "\n" + ApiKeyFilterTest.CAROL_REVOKED);

    Map<String, ApiKeyRecord> records = ApiKeyFile.read(file);

    assertThat(records).hasSize(2);
    assertThat(records.values()).allMatch(r -> r.metadata().equals(KeyMetadata.NONE));
  }

  @Test
  void parseWhenMetadataBreaksARuleThenErrorNamesKeyIdAndField() {
    assertThatThrownBy(
            () -> ApiKeyFile.parse(ID, "hash=" + HASH + ";principal=a;tenant=" + "t".repeat(300)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key id [" + ID + "]: tenant must be 1 to 256 characters long");
    assertThatThrownBy(() -> ApiKeyFile.parse(ID, "hash=" + HASH + ";principal=a;meta.team=a\\b"))
        .hasMessageStartingWith("key id [" + ID + "]: metadata entry [team] must not contain");
    assertThatThrownBy(() -> ApiKeyFile.parse(ID, "hash=" + HASH + ";principal=a;meta.9=x"))
        .hasMessageStartingWith("key id [" + ID + "]: metadata entry name [9] must be a letter");
    assertThatThrownBy(() -> ApiKeyFile.parse(ID, "hash=" + HASH + ";principal=a;owner=x"))
        .hasMessage("key id [" + ID + "]: unknown field [owner]");
    StringBuilder many = new StringBuilder("hash=" + HASH + ";principal=a");
    for (int i = 0; i < 17; i++) {
      many.append(";meta.k").append(i).append("=v");
    }
    assertThatThrownBy(() -> ApiKeyFile.parse(ID, many.toString()))
        .hasMessage("key id [" + ID + "]: metadata has 17 entries, at most 16 allowed")
        .message()
        .doesNotContain(HASH);
  }

  @Test
  void lineWhenRecordWithEverythingThenParsedBackEqual() {
    ApiKeyRecord record =
        new ApiKeyRecord(
            ID,
            HASH,
            "alice",
            Set.of("orders:read"),
            Set.of("admin"),
            Instant.parse("2027-01-01T00:00:00Z"),
            true,
            new KeyMetadata("CI deploys", "acme", "prod", Map.of("team", "payments")));

    String line = ApiKeyFile.line(record);

    assertThat(line)
        .isEqualTo(
            ID
                + "=hash="
                + HASH
                + ";principal=alice;scopes=orders:read;roles=admin;expires=2027-01-01T00:00:00Z"
                + ";revoked=true;name=CI deploys;tenant=acme;environment=prod;meta.team=payments");
    assertThat(ApiKeyFile.parse(ID, line.substring(ID.length() + 1))).isEqualTo(record);
  }
}
