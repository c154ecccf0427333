package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * An item that is well-formed but breaks a Workers KV limit ({@link dev.landfall.core.model.KvLimits}):
 * a parse error like any other for the line it names, set apart so that a reader can name the
 * fix, which is in the data rather than in the file's syntax.
 */
final class KvLimitBreach extends JsonParseException {
    private static final long serialVersionUID = 1L;

    KvLimitBreach(JsonParser p, String limit, JsonLocation at) {
        super(p, limit, at);
    }
}
