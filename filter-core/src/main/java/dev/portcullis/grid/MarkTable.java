package dev.portcullis.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The marks of one local grid space, held without an object per mark: each mark is 63 bits of its
 * key and a deadline, two longs in a segment's {@code long[]}, open addressing with linear probing,
 * one lock per segment. A mark's slot is taken again only once its deadline has passed; a segment
 * that is half full is rebuilt without its expired marks, growing when the live ones need it.
 *
 * <p>Why not Caffeine, as elsewhere: {@code DpopWorkBenchmark} measured a Caffeine cache of marks
 * (four objects per mark, all promoted, its own expiry bookkeeping) at about 2 µs of every DPoP
 * request, the whole budget (BENCHMARKS.md, "Session of 2026-12-05 (fourth)").
 *
 * <p>A key of exactly 43 base64url characters (a {@code dev.portcullis.Fingerprint}) is taken as
 * random: 63 of the bits of its first 11 characters identify it. Any other key is hashed with
 * SHA-256 first. Two keys with the same bits can only make a later first use look like a replay,
 * never let a replay through; by chance that needs one of 2^63 values to repeat among the live
 * marks (about one use in nine trillion with a million live marks), and on purpose it needs the
 * other key, which for a DPoP proof is a SHA-256 of a {@code jti} not yet sent. Slot positions are
 * mixed with a random seed, so that no one can choose keys that crowd one probe run.
 */
final class MarkTable {
  private static final int SEGMENTS = 64;
  private static final int SEGMENT_BITS = Integer.numberOfTrailingZeros(SEGMENTS);
  private static final int MIN_SLOTS = 16;
  private static final int WIDTH = 2; // key (never 0), deadline
  private static final int FINGERPRINT = 43;
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final SecureRandom SEEDS = new SecureRandom();
  private static final byte[] SEXTETS = sextets();

  private final long seed = SEEDS.nextLong();
  private final String space;
  private final long ttl;
  private final long maxMarks;
  private final Segment[] segments = new Segment[SEGMENTS];
  private final AtomicLong occupied = new AtomicLong(); // taken slots, expired or not

  /**
   * One lock's share of the marks; a slot whose key is 0 is empty. A rebuild writes into the spare
   * array when it has the size needed, and keeps the old one, cleared, as the next spare: in a
   * steady state the table allocates nothing (a fresh array per rebuild, often larger than half a
   * G1 region, would go straight to the old generation). At the bound of a million live marks a
   * space holds 64 pairs of 1 MiB arrays.
   */
  private static final class Segment {
    long[] slots = new long[MIN_SLOTS * WIDTH];
    long[] spare;
    int used;
  }

  /**
   * Creates an empty table.
   *
   * @param space the space's name, for messages
   * @param ttlNanos how long a mark lasts
   * @param maxMarks the most live marks
   */
  MarkTable(String space, long ttlNanos, long maxMarks) {
    this.space = space;
    this.ttl = ttlNanos;
    this.maxMarks = maxMarks;
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment();
    }
  }

  /**
   * Marks {@code key} used at {@code now}.
   *
   * @param key the grid key
   * @param now the ticker's time
   * @return true when the key had no live mark
   * @throws GridUnavailableException when the table holds {@code maxMarks} live marks
   */
  boolean firstUse(String key, long now) {
    long bits =
        key.length() == FINGERPRINT && base64url(key)
            ? bits(key)
            : word(sha256(key.getBytes(StandardCharsets.UTF_8)));
    bits |= 1;
    long mixed = mix(bits ^ seed);
    Segment segment = segments[(int) (mixed >>> (Long.SIZE - SEGMENT_BITS))];
    boolean added;
    synchronized (segment) {
      int taken = mark(segment, bits, (int) mixed, now);
      if (taken < 0) {
        return false;
      }
      added = taken > 0;
    }
    if (added && overFull(now)) {
      synchronized (segment) {
        forget(segment, bits, (int) mixed, now); // this use is refused, so it must not count
        rebuild(segment, now);
      }
      throw new GridUnavailableException("Grid space " + space + " is full", null);
    }
    return true;
  }

  /** -1 for a live mark, 0 when an expired slot was taken, 1 when an empty one was. */
  private int mark(Segment segment, long bits, int position, long now) {
    long[] slots = segment.slots;
    int mask = slots.length / WIDTH - 1;
    int free = -1;
    for (int i = position & mask; ; i = (i + 1) & mask) {
      int at = i * WIDTH;
      if (slots[at] == 0) {
        if (free < 0) {
          put(slots, at, bits, now + ttl);
          segment.used++;
          occupied.incrementAndGet();
          if (segment.used * 2 > mask + 1) {
            rebuild(segment, now);
          }
          return 1;
        }
        break;
      }
      boolean expired = slots[at + 1] - now <= 0;
      if (slots[at] == bits) {
        if (!expired) {
          return -1;
        }
        free = at;
        break;
      }
      if (expired && free < 0) {
        free = at;
      }
    }
    put(slots, free, bits, now + ttl);
    return 0;
  }

  private static void put(long[] slots, int at, long bits, long deadline) {
    slots[at] = bits;
    slots[at + 1] = deadline;
  }

  /** Makes the key's mark expired again, for the rebuild that follows to drop. */
  private void forget(Segment segment, long bits, int position, long now) {
    long[] slots = segment.slots;
    int mask = slots.length / WIDTH - 1;
    for (int i = position & mask; slots[i * WIDTH] != 0; i = (i + 1) & mask) {
      if (slots[i * WIDTH] == bits) {
        slots[i * WIDTH + 1] = now;
        return;
      }
    }
  }

  /** Whether more than {@code maxMarks} live marks remain once every segment is rebuilt. */
  private boolean overFull(long now) {
    if (occupied.get() <= maxMarks) {
      return false;
    }
    for (Segment segment : segments) {
      synchronized (segment) {
        rebuild(segment, now);
      }
    }
    return occupied.get() > maxMarks;
  }

  /** Rebuilds a segment with its live marks only, at most a quarter full. */
  private void rebuild(Segment segment, long now) {
    long[] old = segment.slots;
    int live = 0;
    for (int at = 0; at < old.length; at += WIDTH) {
      if (old[at] != 0 && old[at + 1] - now > 0) {
        live++;
      }
    }
    int size = Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, live) * 4 - 1) * 2);
    long[] slots =
        segment.spare != null && segment.spare.length == size * WIDTH
            ? segment.spare
            : new long[size * WIDTH];
    int mask = size - 1;
    for (int at = 0; at < old.length; at += WIDTH) {
      if (old[at] != 0 && old[at + 1] - now > 0) {
        int i = (int) mix(old[at] ^ seed) & mask;
        while (slots[i * WIDTH] != 0) {
          i = (i + 1) & mask;
        }
        put(slots, i * WIDTH, old[at], old[at + 1]);
      }
    }
    occupied.addAndGet(live - segment.used);
    Arrays.fill(old, 0);
    segment.spare = old;
    segment.slots = slots;
    segment.used = live;
  }

  private static long mix(long x) {
    long h = x * MIX;
    return h ^ (h >>> 29);
  }

  /** Whether every character is base64url: a table lookup each, no branch on the character. */
  private static boolean base64url(String key) {
    int all = 0;
    for (int i = 0; i < key.length(); i++) {
      all |= sextet(key.charAt(i));
    }
    return all >= 0;
  }

  /** The first 64 bits of a fingerprint: its first 11 characters, less the last one's low two. */
  private static long bits(String key) {
    long v = 0;
    for (int i = 0; i < 10; i++) {
      v = (v << 6) | sextet(key.charAt(i));
    }
    return (v << 4) | (sextet(key.charAt(10)) >>> 2);
  }

  /** The value of a base64url character, or -1. */
  private static int sextet(char c) {
    return c < SEXTETS.length ? SEXTETS[c] : -1;
  }

  private static byte[] sextets() {
    byte[] table = new byte[128];
    Arrays.fill(table, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      table[alphabet.charAt(i)] = (byte) i;
    }
    return table;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static long word(byte[] b) {
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }
}
