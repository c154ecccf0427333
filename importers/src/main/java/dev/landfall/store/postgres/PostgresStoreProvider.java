package dev.landfall.store.postgres;

import dev.landfall.core.spi.KvAccess;
import dev.landfall.core.spi.Source;
import dev.landfall.core.spi.Store;
import dev.landfall.core.spi.StoreUri;
import dev.landfall.core.store.AbstractStoreProvider;
import java.util.Objects;

/**
 * Opens {@code postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE]} as a {@link
 * PostgresStore}. Without a password in the URI it uses {@code PGPASSWORD} or {@code ~/.pgpass},
 * as libpq does.
 */
public class PostgresStoreProvider extends AbstractStoreProvider {
    private final PgPassword passwords;

    /** A provider that looks passwords up in this process's environment and home directory. */
    public PostgresStoreProvider() {
        // ServiceLoader needs a no-argument constructor, and the SPI passes no environment, so
        // this is the one place the store reads the process's environment.
        this(PgPassword.system());
    }

    /** A provider that looks passwords up with the given resolver. */
    public PostgresStoreProvider(PgPassword passwords) {
        this(
                "postgres",
                "postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME&sslmode=MODE]  production store:"
                        + " tables landfall_kv, landfall_do, landfall_kv_namespaces (password also from PGPASSWORD or"
                        + " ~/.pgpass)",
                passwords);
    }

    /** For another spelling of the same scheme. */
    PostgresStoreProvider(String scheme, String usage, PgPassword passwords) {
        super(scheme, usage);
        this.passwords = Objects.requireNonNull(passwords, "passwords");
    }

    @Override
    public final Store open(StoreUri uri) {
        return PostgresStore.open(PostgresUri.parse(uri), passwords);
    }

    /** A pool of connections for serve; the tables are created or checked as {@link #open} does. */
    @Override
    public final KvAccess openKvAccess(StoreUri uri) {
        return PostgresKvAccess.open(PostgresUri.parse(uri), passwords);
    }

    /** Connects and checks, but creates no schema or table; without Landfall's tables, an empty source. */
    @Override
    public final Source openForReading(StoreUri uri) {
        return PostgresStore.openForReading(PostgresUri.parse(uri), passwords);
    }

    /** Its stores hold an import's writes until the bundle's check passed. */
    @Override
    public boolean holdsWrites() {
        return true;
    }
}
