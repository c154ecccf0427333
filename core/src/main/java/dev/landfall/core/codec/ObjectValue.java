package dev.landfall.core.codec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A plain JavaScript object: a JSON object whose members are typed values. An object with its
 * own {@code "$t"} member is written wrapped, as {@code {"$t":"Object","v":{…}}}.
 *
 * <p>Members are in JavaScript property order, the order {@code Object.keys} and {@code
 * JSON.stringify} use: names that are array indices ({@code "0"} to {@code "4294967294"}, without
 * leading zeros) first in ascending numeric order, then the other names in insertion order. The
 * constructor puts members into that order (a stable reordering that only moves index names), so
 * two objects JavaScript cannot tell apart are equal.
 *
 * <p>The constructor throws {@code IllegalArgumentException} if two members have the same name.
 *
 * @param members the members; copied, unmodifiable, in JavaScript property order
 */
public record ObjectValue(List<Member> members) implements TypedValue {
    /** The empty object. */
    public static final ObjectValue EMPTY = new ObjectValue(List.of());

    private static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    public ObjectValue {
        members = inPropertyOrder(List.copyOf(members));
        Set<String> names = new HashSet<>();
        for (Member m : members) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("duplicate member " + JsonPath.quote(m.name()));
            }
        }
    }

    /** The value of the member called {@code name}, if there is one. */
    public Optional<TypedValue> get(String name) {
        for (Member m : members) {
            if (m.name().equals(name)) {
                return Optional.of(m.value());
            }
        }
        return Optional.empty();
    }

    /** Whether a member is called {@code name}. */
    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** The array index that {@code name} spells, or -1 if it is an ordinary property name. */
    static long arrayIndex(String name) {
        int n = name.length();
        if (n == 0 || n > 10 || (n > 1 && name.charAt(0) == '0')) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_ARRAY_INDEX ? value : -1;
    }

    private static List<Member> inPropertyOrder(List<Member> members) {
        boolean ordered = true;
        long lastIndex = -1;
        boolean seenName = false;
        for (Member m : members) {
            long index = arrayIndex(m.name());
            if (index < 0) {
                seenName = true;
            } else if (seenName || index <= lastIndex) {
                ordered = false;
                break;
            } else {
                lastIndex = index;
            }
        }
        if (ordered) {
            return members;
        }
        List<Member> indexed = new ArrayList<>();
        List<Member> named = new ArrayList<>();
        for (Member m : members) {
            (arrayIndex(m.name()) >= 0 ? indexed : named).add(m);
        }
        indexed.sort((a, b) -> Long.compare(arrayIndex(a.name()), arrayIndex(b.name())));
        indexed.addAll(named);
        return List.copyOf(indexed);
    }

    /**
     * One named property.
     *
     * @param name the property name (any string, including {@code "$t"})
     * @param value the property value
     */
    public record Member(String name, TypedValue value) {
        public Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
