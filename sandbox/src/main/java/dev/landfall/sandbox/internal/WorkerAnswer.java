package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One answer of the sandbox's export Worker: a status and a JSON body. */
record WorkerAnswer(int status, byte[] body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code {"error": message}}, as every error answer of the protocol reads. */
    static WorkerAnswer error(int status, String message) {
        return json(status, MAPPER.createObjectNode().put("error", message));
    }

    /** {@code body} written as JSON. */
    static WorkerAnswer json(int status, Object body) {
        try {
            return new WorkerAnswer(status, MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body already written. */
    static WorkerAnswer raw(int status, String body) {
        return new WorkerAnswer(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
