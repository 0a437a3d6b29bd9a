package dev.portcullis.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns a JMH JSON result into the table of BENCHMARKS.md ({@code jmh-table.md}) and the chart
 * ({@code chart.png}, per-request cost by mechanism beside the anchors, log scale). Run headless:
 * {@code java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar
 * dev.portcullis.bench.Report benchmarks/results/jmh.json [more.json ...] benchmarks/results}; a
 * figure in a later file replaces the same figure from an earlier one (a re-run of one group).
 */
public final class Report {
  private record Score(double value, double error, String unit) {}

  private final Map<String, Score> scores = new HashMap<>();

  private Report() {}

  private void read(JsonArray results) {
    for (JsonObject r : results.getValuesAs(JsonObject.class)) {
      String name = r.getString("benchmark").replace("dev.portcullis.bench.", "");
      JsonObject params = r.getJsonObject("params");
      if (params != null) {
        for (String k : params.keySet()) {
          name += " " + params.getString(k);
        }
      }
      JsonObject m = r.getJsonObject("primaryMetric");
      scores.put(
          name,
          new Score(
              m.getJsonNumber("score").doubleValue(),
              m.get("scoreError") instanceof jakarta.json.JsonNumber e ? e.doubleValue() : 0,
              m.getString("scoreUnit")));
    }
  }

  /**
   * Writes the table and the chart.
   *
   * @param args JMH JSON files, then the output directory
   * @throws IOException when a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Report report = new Report();
    for (int i = 0; i < args.length - 1; i++) {
      try (Reader in = Files.newBufferedReader(Path.of(args[i]));
          JsonReader json = Json.createReader(in)) {
        report.read(json.readArray());
      }
    }
    Path out = Path.of(args[args.length - 1]);
    Files.createDirectories(out);
    Files.writeString(out.resolve("jmh-table.md"), report.table());
    ImageIO.write(report.chart(), "png", out.resolve("chart.png").toFile());
  }

  private Score get(String name) {
    return scores.get(name);
  }

  private static String us(Score s) {
    return s == null ? "n/a" : String.format(Locale.ROOT, "%.2f ± %.2f µs", s.value, s.error);
  }

  private static String ratio(Score a, Score b) {
    return a == null || b == null ? "n/a" : String.format(Locale.ROOT, "%.2f×", a.value / b.value);
  }

  private String table() {
    StringBuilder t = new StringBuilder();
    t.append("| figure | ours | reference | ratio | target |\n|---|---:|---:|---:|---|\n");
    Score sha = get("DigestBenchmark.sha256Of1KbToken");
    t.append("| SHA-256 of a 1 KB token (floor of a cache hit) | | ")
        .append(us(sha))
        .append(" | | |\n");
    for (Algorithm a : Algorithm.values()) {
      Score raw = get("JwtBenchmark.rawVerify " + a);
      Score ours = get("JwtBenchmark.portcullisUncached " + a);
      Score nimbus = get("NimbusBenchmark.decode " + a);
      t.append("| uncached JWT ")
          .append(a)
          .append(" vs raw JCA verify | ")
          .append(us(ours))
          .append(" | ")
          .append(us(raw))
          .append(" | ")
          .append(ratio(ours, raw))
          .append(" | ")
          .append(a == Algorithm.RS256 ? "≤ 1.3×" : "")
          .append(" |\n");
      t.append("| uncached JWT ")
          .append(a)
          .append(" vs NimbusJwtDecoder | ")
          .append(us(ours))
          .append(" | ")
          .append(nimbus == null ? "no EdDSA in Spring's `SignatureAlgorithm`" : us(nimbus))
          .append(" | ")
          .append(ratio(ours, nimbus))
          .append(" | ")
          .append(nimbus == null ? "" : "≤ 1× (no slower)")
          .append(" |\n");
    }
    Score nimbusRs = get("NimbusBenchmark.decode RS256");
    for (Mechanism m : Mechanism.values()) {
      Score hit = get("CachedBenchmark.cachedHit " + m);
      t.append("| cached hit through the filter, ")
          .append(m)
          .append(" | ")
          .append(us(hit))
          .append(" | ");
      if (m == Mechanism.jwt) {
        t.append("NimbusJwtDecoder RS256 ")
            .append(us(nimbusRs))
            .append(" | ")
            .append(ratio(nimbusRs, hit))
            .append(" faster | ≤ 2 µs; ≥ 30× faster than Nimbus |\n");
      } else if (m == Mechanism.opaque) {
        Score spring = get("OpaqueBenchmark.springIntrospect");
        t.append("SpringOpaqueTokenIntrospector ")
            .append(us(spring))
            .append(" | ")
            .append(ratio(spring, hit))
            .append(" faster | ≤ 2 µs |\n");
      } else {
        t.append(" | | ≤ 2 µs |\n");
      }
    }
    Score ourIntro = get("OpaqueBenchmark.portcullisUncached");
    Score spring = get("OpaqueBenchmark.springIntrospect");
    t.append("| uncached opaque token (one loopback introspection) vs Spring | ")
        .append(us(ourIntro))
        .append(" | ")
        .append(us(spring))
        .append(" | ")
        .append(ratio(ourIntro, spring))
        .append(" | |\n");
    for (Mechanism m : Mechanism.values()) {
      Score one = get("CachedBenchmark.cachedHit " + m);
      for (int threads : new int[] {2, 4}) {
        Score n = get("CachedBenchmark.cachedHitThreads" + threads + " " + m);
        if (one == null || n == null) {
          continue;
        }
        double single = 1 / one.value;
        t.append(
            String.format(
                Locale.ROOT,
                "| cached hit, %s, %d threads (requests/s, all threads) | %.0f ± %.0f | %.0f (1"
                    + " thread) | %.2f× | no serialisation (2 cores: ≤ 2× possible) |\n",
                m,
                threads,
                n.value * 1e6,
                n.error * 1e6,
                single * 1e6,
                n.value / single));
      }
    }
    return t.toString();
  }

  private record Bar(String label, double micros, Color color) {}

  private static final Color OURS = new Color(0x2E7D32);
  private static final Color ANCHOR = new Color(0xC62828);
  private static final Color FLOOR = new Color(0x757575);

  private BufferedImage chart() {
    List<Bar> bars = new ArrayList<>();
    for (Mechanism m : Mechanism.values()) {
      add(bars, "Portcullis cached hit, " + m, "CachedBenchmark.cachedHit " + m, OURS);
    }
    add(bars, "SHA-256 of 1 KB (floor)", "DigestBenchmark.sha256Of1KbToken", FLOOR);
    for (Algorithm a : Algorithm.values()) {
      add(bars, "Portcullis uncached JWT " + a, "JwtBenchmark.portcullisUncached " + a, OURS);
      add(bars, "raw JCA verify " + a + " (floor)", "JwtBenchmark.rawVerify " + a, FLOOR);
      add(bars, "Spring NimbusJwtDecoder " + a, "NimbusBenchmark.decode " + a, ANCHOR);
    }
    add(bars, "Portcullis uncached opaque", "OpaqueBenchmark.portcullisUncached", OURS);
    add(bars, "Spring opaque introspector", "OpaqueBenchmark.springIntrospect", ANCHOR);

    int rowH = 26;
    int left = 330;
    int width = 1100;
    int plot = width - left - 130;
    int top = 60;
    int height = top + rowH * bars.size() + 60;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("Per-request cost, µs (log scale; lower is better)", left, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(OURS);
    g.drawString("■ Portcullis", left, 46);
    g.setColor(ANCHOR);
    g.drawString("■ Spring Security anchor", left + 100, 46);
    g.setColor(FLOOR);
    g.drawString("■ physical floor (raw JCA)", left + 280, 46);
    double min = 0.1;
    double max = 100_000;
    double decades = Math.log10(max / min);
    g.setStroke(new BasicStroke(1));
    for (double v = min; v <= max; v *= 10) {
      int x = left + (int) (plot * Math.log10(v / min) / decades);
      g.setColor(new Color(0xDDDDDD));
      g.drawLine(x, top - 4, x, top + rowH * bars.size());
      g.setColor(Color.DARK_GRAY);
      String label = v < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format("%.0f", v);
      g.drawString(label, x - 8, top + rowH * bars.size() + 16);
    }
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = top + i * rowH;
      g.setColor(Color.BLACK);
      g.drawString(b.label(), 10, y + 17);
      int w = (int) (plot * Math.log10(Math.max(b.micros(), min) / min) / decades);
      g.setColor(b.color());
      g.fillRect(left, y + 4, Math.max(w, 1), rowH - 8);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.2f", b.micros()), left + w + 6, y + 17);
    }
    g.dispose();
    return img;
  }

  private void add(List<Bar> bars, String label, String key, Color color) {
    Score s = get(key);
    if (s != null) {
      bars.add(new Bar(label, s.value, color));
    }
  }
}
