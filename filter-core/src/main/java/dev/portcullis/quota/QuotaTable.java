package dev.portcullis.quota;

import dev.portcullis.jdbc.BoundedDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of the balance table. The debit is one conditional {@code UPDATE}: it folds the refills
 * due into the balance and takes the cost only where the result covers it, so the database's row
 * lock decides between concurrent requests on every node. The table name is the only text put into
 * a statement (checked against {@link #NAME}); every value is a bound parameter. PostgreSQL returns
 * the new balance with {@code RETURNING}, other databases (H2) through {@code FINAL TABLE}.
 */
final class QuotaTable {
  static final Pattern NAME = BoundedDatabase.TABLE_NAME;
  private static final Pattern PARAMETER = Pattern.compile(":([a-z]+)");

  /** Refill intervals due since the last boundary; 0 without a refill or before it. */
  private static final String DUE =
      "(CASE WHEN refill_interval_ms > 0 AND refill_amount > 0 AND :now > refilled_at_ms"
          + " THEN (:now - refilled_at_ms) / refill_interval_ms ELSE 0 END)";

  /** The balance with refills folded in, as {@link Balance#available} computes it. */
  private static final String AVAILABLE =
      "GREATEST(remaining, LEAST(capacity, remaining + refill_amount * LEAST("
          + DUE
          + ", "
          + 2 * Balance.MAX_AMOUNT
          + " / GREATEST(refill_amount, 1) + 1)))";

  private static final String REFILLED =
      "refilled_at_ms = refilled_at_ms + refill_interval_ms * " + DUE;

  /** A statement with {@code ?} placeholders and the names bound to them, in order. */
  record Sql(String text, List<String> parameters) {
    static Sql of(String named) {
      List<String> names = new ArrayList<>();
      Matcher m = PARAMETER.matcher(named);
      StringBuilder text = new StringBuilder();
      while (m.find()) {
        names.add(m.group(1));
        m.appendReplacement(text, "?");
      }
      m.appendTail(text);
      return new Sql(text.toString(), List.copyOf(names));
    }
  }

  final Sql debit;
  final Sql charge;
  final Sql select;
  final Sql update;
  final Sql insert;

  QuotaTable(String name, boolean returning) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: [" + name + "]");
    }
    String update = "UPDATE " + name + " SET remaining = ";
    String debit =
        update
            + AVAILABLE
            + " - :cost, "
            + REFILLED
            + " WHERE subject = :subject AND "
            + AVAILABLE
            + " >= :cost";
    String charge =
        update
            + "GREATEST("
            + AVAILABLE
            + " - :cost, -"
            + Balance.MAX_AMOUNT
            + "), "
            + REFILLED
            + " WHERE subject = :subject";
    this.debit = Sql.of(returning(debit, returning));
    this.charge = Sql.of(returning(charge, returning));
    this.select =
        Sql.of(
            "SELECT remaining, capacity, refill_amount, refill_interval_ms, refilled_at_ms FROM "
                + name
                + " WHERE subject = :subject");
    this.update =
        Sql.of(
            update
                + ":remaining, capacity = :capacity, refill_amount = :amount,"
                + " refill_interval_ms = :interval, refilled_at_ms = :now WHERE subject = :subject");
    this.insert =
        Sql.of(
            "INSERT INTO "
                + name
                + " (subject, remaining, capacity, refill_amount, refill_interval_ms,"
                + " refilled_at_ms) VALUES (:subject, :remaining, :capacity, :amount, :interval,"
                + " :now)");
  }

  private static String returning(String update, boolean returning) {
    return returning
        ? update + " RETURNING remaining"
        : "SELECT remaining FROM FINAL TABLE (" + update + ")";
  }
}
