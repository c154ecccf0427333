package dev.landfall.cli.option;

import dev.landfall.core.error.LandfallException;
import dev.landfall.store.clickhouse.EventImporter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --table}, {@code --schema}, {@code --skip-bad}: how NDJSON events load into ClickHouse ({@code import --from events:…}). */
public final class EventOptions {
    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "With events:, the ClickHouse table to load (created if missing).")
    String table;

    @Option(
            names = "--schema",
            paramLabel = "COLUMNS",
            description = "With events:, the columns of a table to create, 'name Type, …' (default: inferred).")
    String schema;

    @Option(
            names = "--skip-bad",
            paramLabel = "N",
            defaultValue = "0",
            description = "With events:, leave up to N bad lines out instead of stopping at the first (default: 0).")
    long skipBad;

    /**
     * The event import these flags ask for, each checked.
     *
     * @param batch rows per INSERT ({@code --batch}), null for the default
     * @throws dev.landfall.core.error.LandfallException USAGE naming the flag
     */
    public EventImporter.Options options(String from, String to, Integer batch, Map<String, String> env) {
        return EventImporter.Options.of(
                from, to, table, Optional.ofNullable(schema), skipBad, Optional.ofNullable(batch), env);
    }

    /** Refuses these flags for a source that is not events. */
    public void refuseForEntries() {
        if (table != null || schema != null || skipBad != 0) {
            throw LandfallException.usage(
                    "--table, --schema and --skip-bad apply to events only", "use them with --from events:FILE");
        }
    }
}
