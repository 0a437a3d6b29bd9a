package dev.portcullis.grid;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The marks of one local grid space, held without an object per mark: each mark is 63 bits of its
 * key and a deadline, two longs in a segment's {@code long[]}, open addressing with linear probing,
 * one lock per segment. A mark's slot is taken again only once its deadline has passed; a segment
 * three quarters full is rebuilt without its expired marks, at most half full, growing or shrinking
 * with the live ones.
 *
 * <p>Why not Caffeine, as elsewhere: {@code DpopWorkBenchmark} measured a Caffeine cache of marks
 * (four objects per mark, all promoted, its own expiry bookkeeping) at about 2 µs of every DPoP
 * request, the whole budget (BENCHMARKS.md, "Session of 2026-12-05 (fourth)").
 *
 * <p>A mark identifies its key by 63 bits of a 64-bit hash seeded per table ({@link #hash}), not by
 * SHA-256: a DPoP request marks its proof here, and a digest of the mark cost about 0.2 µs of the 2
 * µs a DPoP request may add (BENCHMARKS.md, "Session of 2026-12-05 (fifth)"). Two keys with the
 * same bits can only make a later first use look like a replay, never let a replay through. By
 * chance that needs one of 2^63 values to repeat among the live marks (about one use in nine
 * trillion with a million live marks). On purpose it needs the seed, or the key of a use still to
 * come: the hash is not cryptographic, so a client may find two {@code jti}s of its own that
 * collide, but a DPoP mark holds the client's key thumbprint, so only its own second proof is
 * refused, and the marks of other clients are unknown until they are used. The same seed mixes slot
 * positions, so that no one can choose keys that crowd one probe run.
 */
final class MarkTable {
  private static final int SEGMENTS = 64;

  /** A segment for each this many marks of the bound, up to {@link #SEGMENTS}. */
  private static final int SEGMENT_MARKS = 4096;

  private static final int LIVE = Integer.MIN_VALUE;
  private static final int MIN_SLOTS = 16;
  private static final int WIDTH = 2; // key (never 0), deadline
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final long ROUND = 0xC2B2AE3D27D4EB4FL;
  private static final SecureRandom SEEDS = new SecureRandom();

  private final long seed = SEEDS.nextLong();
  private final String space;
  private final long ttl;
  private final Segment[] segments;

  /** The most live marks of one segment. */
  private final int cap;

  /**
   * One lock's share of the marks; a slot whose key is 0 is empty, and {@code used} counts the
   * others, expired or not. A rebuild writes into the spare array when it has the size needed, and
   * keeps the old one, cleared, as the next spare: in a steady state the table allocates nothing (a
   * fresh array per rebuild, often larger than half a G1 region, would go straight to the old
   * generation). At the bound of a million live marks a space holds 64 pairs of 512 KiB arrays.
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
   * @param maxMarks the most live marks: each segment holds its share, so a large table is full
   *     once one segment is (at a million, with about 98 % of the marks, since the seed spreads
   *     them evenly for whoever does not know it); a bound under 8,192 makes one segment, full
   *     exactly at {@code maxMarks}
   */
  MarkTable(String space, long ttlNanos, long maxMarks) {
    this.space = space;
    this.ttl = ttlNanos;
    int n = (int) Math.min(SEGMENTS, Math.max(1, Long.highestOneBit(maxMarks / SEGMENT_MARKS)));
    this.segments = new Segment[n];
    this.cap = (int) ((maxMarks + n - 1) / n);
    for (int i = 0; i < n; i++) {
      segments[i] = new Segment();
    }
  }

  /**
   * Marks {@code key} used at {@code now}.
   *
   * @param key the grid key
   * @param now the ticker's time
   * @return true when the key had no live mark
   * @throws GridUnavailableException when the key's segment holds its share of the live marks
   */
  boolean firstUse(String key, long now) {
    long bits = hash(key) | 1;
    long mixed = mix(bits ^ seed);
    int position = (int) mixed;
    Segment segment = segments[(int) (mixed >>> Integer.SIZE) & (segments.length - 1)];
    synchronized (segment) {
      int at = find(segment.slots, bits, position, now);
      if (at == LIVE) {
        return false;
      }
      if (at < 0) { // no expired slot on the way: an empty one is taken
        if (segment.used >= cap || (segment.used + 1) * 4 > segment.slots.length / WIDTH * 3) {
          rebuild(segment, now);
          if (segment.used >= cap) {
            throw new GridUnavailableException("Grid space " + space + " is full", null);
          }
          at = find(segment.slots, bits, position, now);
        }
        if (at < 0) {
          at = -1 - at;
          segment.used++;
        }
      }
      segment.slots[at] = bits;
      segment.slots[at + 1] = now + ttl;
      return true;
    }
  }

  /**
   * {@link #LIVE} when the key has a live mark; otherwise where its mark goes: the index of its own
   * expired mark or of the first expired one on the way, else {@code -1 - index} of the empty slot
   * that ends the probe run.
   */
  private int find(long[] slots, long bits, int position, long now) {
    int mask = slots.length / WIDTH - 1;
    int free = -1;
    for (int i = position & mask; ; i = (i + 1) & mask) {
      int at = i * WIDTH;
      if (slots[at] == 0) {
        return free >= 0 ? free : -1 - at;
      }
      boolean expired = slots[at + 1] - now <= 0;
      if (slots[at] == bits) {
        return expired ? at : LIVE;
      }
      if (expired && free < 0) {
        free = at;
      }
    }
  }

  /** Rebuilds a segment with its live marks only, at most half full. */
  private void rebuild(Segment segment, long now) {
    long[] old = segment.slots;
    int live = 0;
    for (int at = 0; at < old.length; at += WIDTH) {
      if (old[at] != 0 && old[at + 1] - now > 0) {
        live++;
      }
    }
    int size = Math.max(MIN_SLOTS, Integer.highestOneBit(live * 2 + 1) * 2);
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
        slots[i * WIDTH] = old[at];
        slots[i * WIDTH + 1] = old[at + 1];
      }
    }
    Arrays.fill(old, 0);
    segment.spare = old;
    segment.slots = slots;
    segment.used = live;
  }

  private static long mix(long x) {
    long h = x * MIX;
    return h ^ (h >>> 29);
  }

  /**
   * A seeded 64-bit hash of the key's UTF-16 units, four to a round. With the block fixed, a round
   * is a bijection of the state, and so is the finish: two keys of one length that differ in one
   * block never share the hash, and other keys (another length enters first) share it only by
   * chance for whoever does not know the seed. The table keeps 63 of its bits.
   */
  private long hash(String key) {
    int n = key.length();
    long h = seed ^ n * MIX;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      h =
          round(
              h,
              key.charAt(i)
                  | (long) key.charAt(i + 1) << 16
                  | (long) key.charAt(i + 2) << 32
                  | (long) key.charAt(i + 3) << 48);
    }
    long tail = 0;
    for (; i < n; i++) {
      tail = tail << 16 | key.charAt(i);
    }
    return finish(round(h, tail));
  }

  private static long round(long h, long block) {
    long x = (h ^ block) * ROUND;
    return x ^ (x >>> 29);
  }

  /** The finalizer of SplitMix64: every bit of the input reaches every bit of the output. */
  private static long finish(long x) {
    long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
