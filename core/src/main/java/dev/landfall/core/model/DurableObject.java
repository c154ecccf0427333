package dev.landfall.core.model;

import dev.landfall.core.text.VisibleText;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The storage of one Durable Object.
 *
 * @param namespaceId the Durable Object namespace id
 * @param objectId the object id (64 hex characters in a real account)
 */
public record DurableObject(String namespaceId, String objectId) implements Scope {
    public DurableObject {
        Objects.requireNonNull(namespaceId, "namespaceId");
        Objects.requireNonNull(objectId, "objectId");
    }

    @Override
    public String id() {
        return "do:" + namespaceId + ":" + objectId;
    }

    @Override
    public String describe() {
        return "durable object " + VisibleText.of(objectId) + " in namespace " + VisibleText.of(namespaceId);
    }

    @Override
    public List<Map.Entry<String, String>> fields() {
        return List.of(Map.entry("kind", "do"), Map.entry("namespaceId", namespaceId), Map.entry("objectId", objectId));
    }

    /** The suffix of the scope holding an object's SQL tables, beside its key-value storage. */
    public static final String SQL_SUFFIX = ":sql";

    /** Whether this scope holds the SQL tables of an object (its id ends in {@code :sql}). */
    public boolean holdsSqlTables() {
        return objectId.endsWith(SQL_SUFFIX);
    }
}
