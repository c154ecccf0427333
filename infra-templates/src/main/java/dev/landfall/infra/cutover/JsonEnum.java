package dev.landfall.infra.cutover;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the dial's and the write gate's JSON spell an enum ({@link WriteRoute}, {@link GateState}): its lower-case name. */
final class JsonEnum {
    private JsonEnum() {}

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant {@code json} spells, empty for any other text. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String json) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> name(e).equals(json))
                .findFirst();
    }
}
