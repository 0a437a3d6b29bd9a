package dev.portcullis.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Helpers for flood tests: the flood size, random credentials, and the retained heap measured as
 * the used heap after forced full collections.
 */
public final class Flood {
  /**
   * The number of distinct credentials a flood presents; {@code -Dportcullis.flood=N} changes it.
   */
  public static final int SIZE = Integer.getInteger("portcullis.flood", 100_000);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Flood() {}

  /** {@code n} random bytes, base64url without padding. */
  public static String randomBase64Url(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** {@code n} random bytes as lower-case hex. */
  public static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The used heap once garbage is collected: several full collections until the figure settles.
   *
   * @return bytes in use by reachable objects (approximately)
   */
  public static long retainedHeap() {
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      try {
        Thread.sleep(50); // lets reference processing and the collector finish
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(last - used) < 64 * 1024) {
        return used;
      }
      last = used;
    }
    return last;
  }

  /** Prints one line of figures for RELIABILITY.md. */
  public static void report(String suite, String format, Object... args) {
    System.out.println("FLOOD " + suite + ": " + String.format(Locale.ROOT, format, args));
  }
}
