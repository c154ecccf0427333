package dev.landfall.store.clickhouse;

import dev.landfall.core.error.LandfallException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves the checked rows of a load from its moving table ({@code T_landfall_moving_FINGERPRINT})
 * into the MergeTree table {@code T}, one partition at a time: {@code ALTER TABLE T ATTACH
 * PARTITION ID … FROM moving} (18.1 and later), then the partition is dropped from the moving
 * table.
 *
 * <p>An attach is one transaction on the server, so each partition arrives whole or not at all;
 * an {@code INSERT … SELECT} would commit block by block and could stop half way. Once a partition
 * is attached it leaves the moving table, so the moving table holds exactly the rows still to
 * move, and finishing a stopped move is running the rest of it again.
 */
final class PartitionMove {
    private static final String INFIX = "_landfall_moving_";

    private final ClickHouseSession session;
    private final String table;
    private final String moving;

    /**
     * @param table the target table's name (in the session's database)
     * @param moving the moving table's name
     */
    PartitionMove(ClickHouseSession session, String table, String moving) {
        this.session = Objects.requireNonNull(session, "session");
        this.table = Objects.requireNonNull(table, "table");
        this.moving = Objects.requireNonNull(moving, "moving");
    }

    /** The moving table of a load of the file with {@code fingerprint} into {@code table}. */
    static String movingName(String table, String fingerprint) {
        return table + INFIX + fingerprint;
    }

    /** The moving table an earlier load into {@code table} left behind, if any. */
    static Optional<String> leftover(ClickHouseSession session, String table) {
        String prefix = table + INFIX;
        return session
                .rows(
                        "SELECT name FROM system.tables WHERE database = "
                                + literal(session.location().database()),
                        "looking for a move an earlier load left unfinished")
                .stream()
                .map(r -> r[0])
                .filter(n -> n.startsWith(prefix) && n.length() == prefix.length() + 16)
                .sorted()
                .findFirst();
    }

    /** Whether {@code table} is of the MergeTree family, whose partitions can be attached. */
    static boolean attachable(ClickHouseSession session, String table) {
        String engine = session.rows(
                        "SELECT engine FROM system.tables WHERE database = "
                                + literal(session.location().database()) + " AND name = " + literal(table),
                        "reading the engine of " + table)
                .get(0)[0];
        return engine.endsWith("MergeTree") && !engine.startsWith("Replicated");
    }

    /** The rows still in the moving table. */
    long rowsLeft() {
        return Long.parseLong(session.rows("SELECT count() FROM " + q(moving), "counting the rows of " + q(moving))
                .get(0)[0]);
    }

    /**
     * Moves every partition, then drops the moving table.
     *
     * @throws LandfallException when a statement fails: the message says how many partitions
     *     moved, the hint that running the same command again finishes the move
     */
    void run(EventLoad.Listener listener) {
        List<String> partitions = session
                .rows(
                        "SELECT DISTINCT partition_id FROM system.parts WHERE database = "
                                + literal(session.location().database()) + " AND table = " + literal(moving)
                                + " AND active ORDER BY partition_id",
                        "listing the partitions of " + q(moving))
                .stream()
                .map(r -> r[0])
                .filter(p -> !p.isEmpty())
                .toList();
        int done = 0;
        try {
            for (String p : partitions) {
                listener.moving(done, partitions.size());
                session.execute(
                        "ALTER TABLE " + q(table) + " ATTACH PARTITION ID " + literal(p) + " FROM " + q(moving),
                        "attaching partition " + p + " of " + q(moving) + " to " + q(table));
                session.execute(
                        "ALTER TABLE " + q(moving) + " DROP PARTITION ID " + literal(p),
                        "dropping the moved partition " + p + " from " + q(moving));
                done++;
            }
        } catch (LandfallException e) {
            throw stopped(e, done, partitions.size());
        }
        session.execute("DROP TABLE IF EXISTS " + q(moving), "dropping " + q(moving));
    }

    private LandfallException stopped(LandfallException e, int done, int of) {
        String message = "moving the checked rows into " + q(table) + " stopped after " + done + " of " + of
                + " partitions (each partition moves whole or not at all): " + e.getMessage();
        String hint = "the rows still to move wait in " + q(moving) + "; run the same command again to finish"
                + " (it moves only those rows and loads nothing twice)";
        return switch (e.kind()) {
            case USAGE, REJECTED -> LandfallException.rejected(message, e.hint().orElse("fix that") + ", then " + hint);
            default -> LandfallException.failed(message, hint, e);
        };
    }

    private String q(String name) {
        return session.location().qualified(name);
    }

    /** A ClickHouse string literal. */
    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
