package dev.landfall.sandbox.internal;

import java.io.IOException;

/** Answers one routed request; throws {@link ApiError} for Cloudflare-style failures. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request) throws IOException;
}
