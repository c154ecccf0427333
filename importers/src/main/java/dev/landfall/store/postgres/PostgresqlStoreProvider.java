package dev.landfall.store.postgres;

/** Accepts libpq's other spelling, {@code postgresql://…}, for the same {@link PostgresStore}. */
public final class PostgresqlStoreProvider extends PostgresStoreProvider {
    public PostgresqlStoreProvider() {
        super("postgresql", "postgresql://…  the same as postgres://…", PgPassword.system());
    }
}
