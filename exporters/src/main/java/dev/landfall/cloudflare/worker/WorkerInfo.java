package dev.landfall.cloudflare.worker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /landfall/v1/info} says about an export Worker.
 *
 * @param protocol the protocol version it speaks
 * @param typedJson the typed JSON format version of its values
 * @param durableObjects its Durable Object namespace bindings, sorted by name
 * @param kv its KV namespace bindings, sorted by name
 */
public record WorkerInfo(int protocol, int typedJson, List<DoBinding> durableObjects, List<String> kv) {
    /**
     * One Durable Object binding.
     *
     * @param binding the binding name, used in request paths
     * @param className the class it is bound to, when the Worker says (LANDFALL_DO_CLASSES)
     */
    public record DoBinding(String binding, Optional<String> className) {
        public DoBinding {
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(className, "className");
        }
    }

    public WorkerInfo {
        durableObjects = List.copyOf(durableObjects);
        kv = List.copyOf(kv);
    }
}
