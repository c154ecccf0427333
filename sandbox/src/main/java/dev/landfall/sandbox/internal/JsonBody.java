package dev.landfall.sandbox.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one JSON value (a {@code result}, a {@code result_info}) into a generator. */
@FunctionalInterface
public interface JsonBody {
    void write(JsonGenerator g) throws IOException;
}
