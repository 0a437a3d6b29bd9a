package dev.portcullis.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key file the integration tests hand to the server ({@code it.keyFile}, set by failsafe): the
 * sample's demo keys plus one key made for the run, which the revocation test revokes.
 */
final class KeyFile {
  static final String ALICE = "pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";
  static final String BOB = "pc_89d90fd1c3a42432_yAyVAEoP48S1oS-dD3YKMe_Wxvg03mH6swX4XQjWVFk";
  static final String CAROL = "pc_3d0e436378c51b6d_5E992Tylhg8yPIjXySpZIjZuoJI-smtaJ4C3W0p3u_o";
  private static final Path DEMO = Path.of("src/main/webapp/WEB-INF/demo-api-keys.properties");

  private final Path path = Path.of(System.getProperty("it.keyFile"));
  private final String daveKey;
  private final String daveLine;

  KeyFile() {
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    daveKey =
        "pc_"
            + HexFormat.of().formatHex(id)
            + "_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    daveLine =
        HexFormat.of().formatHex(id)
            + "=hash=sha256:"
            + sha256(daveKey)
            + ";principal=dave;scopes=orders:read;roles=";
  }

  /** A key that is valid until {@link #revokeDave()}. */
  String daveKey() {
    return daveKey;
  }

  /** Writes the demo keys and dave's key. */
  void write() throws IOException {
    Files.createDirectories(path.getParent());
    Files.writeString(path, Files.readString(DEMO) + daveLine + "\n", StandardCharsets.UTF_8);
  }

  /** Rewrites the file with dave's key marked revoked, as an operator would. */
  void revokeDave() throws IOException {
    Files.writeString(
        path, Files.readString(DEMO) + daveLine + ";revoked=true\n", StandardCharsets.UTF_8);
  }

  private static String sha256(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
