package dev.landfall.core.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code /statusz} and {@code /flagz} rendered for a server other than {@link StatusServer} (the
 * one {@code landfall serve} runs, which has its API on the same port): the same pages, masking
 * and content negotiation.
 */
public final class ZPages {
    /** A rendered page. */
    public record Page(String contentType, byte[] body) {}

    private ZPages() {}

    /** {@code /statusz}: JSON when {@code accept} (the Accept header's values, or null) asks for it. */
    public static Page statusz(StatusSource source, Instant now, List<String> accept) {
        boolean json = AcceptHeader.wantsJson(accept);
        Status status = source.status();
        return page(json, json ? StatuszPage.json(status, now) : StatuszPage.text(status, now));
    }

    /** {@code /flagz}: JSON when {@code accept} asks for it. */
    public static Page flagz(StatusSource source, List<String> accept) {
        boolean json = AcceptHeader.wantsJson(accept);
        return page(json, json ? FlagzPage.json(source.flags()) : FlagzPage.text(source.flags()));
    }

    private static Page page(boolean json, String body) {
        return new Page(json ? StatusServer.JSON : StatusServer.TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
