package dev.landfall.core.model;

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
        return "durable object " + objectId + " in namespace " + namespaceId;
    }
}
