package dev.landfall.sandbox.internal;

import dev.landfall.core.model.KvErrorCodes;
import dev.landfall.core.model.KvLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The invalid items of one bulk request, gathered so the whole request is refused in one 400
 * before anything is stored: a client that checks only {@code success} (wrangler prints
 * "Success!" and ignores {@code unsuccessful_keys}) must not take a partial write for a full one.
 * The first {@value #SHOWN} problems are listed, each with its own code; the rest are counted.
 */
final class BulkProblems {
    static final int SHOWN = 10;

    private final String operation;
    private final List<ApiError.Item> shown = new ArrayList<>();
    private int count;

    /** @param operation the prefix of every message, such as {@code bulk put} */
    BulkProblems(String operation) {
        this.operation = operation;
    }

    /** Item {@code index} (0-based, as in the request) is invalid for the reason {@code e} gives. */
    void add(int index, ApiError e) {
        ApiError.Item first = e.errors().get(0);
        add(index, first.code(), first.message());
    }

    void add(int index, int code, String message) {
        count++;
        if (shown.size() < SHOWN) {
            shown.add(new ApiError.Item(code, operation + ": item " + index + ": " + message));
        }
    }

    /** @throws ApiError a 400 listing the problems, when there is any */
    void throwIfAny() {
        if (count == 0) {
            return;
        }
        List<ApiError.Item> errors = new ArrayList<>(shown);
        if (count > shown.size()) {
            errors.add(new ApiError.Item(
                    KvErrorCodes.INVALID_BODY,
                    operation + ": " + (count - shown.size()) + " more invalid items not listed; nothing was"
                            + " written"));
        }
        throw new ApiError(400, errors);
    }

    /**
     * The 400 for a request over {@value KvLimits#MAX_BULK_WRITE_ITEMS} items: Cloudflare's code 10012
     * and wording, as reported in cloudflare/cloudflare-go#1324 for bulk put.
     */
    static ApiError tooMany(String operation, long received, String what) {
        return ApiError.badRequest(
                KvErrorCodes.TOO_MANY_BULK_ITEMS,
                operation + ": 'received " + received + " " + what + ", but max allowed per request is: "
                        + KvLimits.MAX_BULK_WRITE_ITEMS + "'");
    }
}
