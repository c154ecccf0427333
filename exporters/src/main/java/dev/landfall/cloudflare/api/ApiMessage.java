package dev.landfall.cloudflare.api;

import java.util.Objects;

/**
 * One item of an envelope's {@code errors} (or {@code messages}).
 *
 * @param code Cloudflare's numeric code, 0 when the item had none
 * @param message its text, as sent (scrub it before it goes into a message)
 */
public record ApiMessage(int code, String message) {
    public ApiMessage {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code == 0 ? message : code + " " + message;
    }
}
