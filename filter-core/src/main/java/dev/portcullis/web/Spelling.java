package dev.portcullis.web;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" hint of a configuration error: the closest known key, if close enough. */
final class Spelling {
  private Spelling() {}

  /**
   * A hint for a misspelt key.
   *
   * @param wrong the key as written (an environment variable's key part compares ignoring {@code
   *     _}, {@code .} and case)
   * @param known the keys it could have meant
   * @return {@code "; did you mean <key>?"}, or {@code "; check the spelling"} when none is close
   */
  static String hint(String wrong, Collection<String> known) {
    String target = fold(wrong);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(target, fold(candidate));
      if (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, target.length() / 3)
        ? "; did you mean " + best + "?"
        : "; check the spelling";
  }

  private static String fold(String key) {
    return key.replace("_", "").replace(".", "").toLowerCase(Locale.ROOT);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
