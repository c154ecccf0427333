package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.store.OneByteInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs docs/typed-json-vectors.json, the vectors shared with the JavaScript side. */
class TypedJsonVectorsTest {
    private static VectorFile file;

    private final TypedJsonDecoder decoder = new TypedJsonDecoder();
    private final TypedJsonEncoder encoder = new TypedJsonEncoder();

    @BeforeAll
    static void load() throws IOException {
        file = VectorFile.load();
    }

    @Test
    void fileHasVersionOneAndEverySection() {
        assertEquals(1, file.version());
        for (String section : List.of("vectors", "normalized", "invalid", "unencodable")) {
            assertFalse(file.section(section).isEmpty(), section);
        }
    }

    @TestFactory
    Stream<DynamicTest> vectorsRoundTripByteForByte() {
        return file.section("vectors").stream()
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    byte[] canonical = v.typed().orElseThrow();
                    TypedValue value = decoder.decode(canonical);
                    assertEquals(text(canonical), text(encoder.encode(value)), "decode then encode");
                    assertEquals(
                            value,
                            decoder.decode(new OneByteInputStream(new java.io.ByteArrayInputStream(canonical))),
                            "one byte per read");
                    assertEquals(value, decoder.decode(text(canonical)), "from a String");
                }));
    }

    @TestFactory
    Stream<DynamicTest> normalizedInputsEncodeToTheirCanonicalForm() {
        return file.section("normalized").stream()
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    byte[] canonical = v.typed().orElseThrow();
                    TypedValue value = decoder.decode(v.input());
                    assertEquals(text(canonical), text(encoder.encode(value)));
                    assertEquals(value, decoder.decode(canonical));
                    assertEquals(
                            value,
                            decoder.decode(new OneByteInputStream(new java.io.ByteArrayInputStream(v.input()))),
                            "one byte per read");
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidInputsFailNamingThePath() {
        return file.section("invalid").stream()
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    assertFails(v, assertThrows(LandfallException.class, () -> decoder.decode(v.input())));
                    assertFails(
                            v,
                            assertThrows(
                                    LandfallException.class,
                                    () -> decoder.decode(
                                            new OneByteInputStream(new java.io.ByteArrayInputStream(v.input())))));
                }));
    }

    @Test
    void vectorsCoverEveryTagViewAndSpecialNumber() {
        Set<String> tags = new TreeSet<>();
        Set<ViewType> views = EnumSet.noneOf(ViewType.class);
        Set<SpecialNumber> specials = EnumSet.noneOf(SpecialNumber.class);
        Pattern tag = Pattern.compile("\"\\$t\":\"([A-Za-z]+)\"");
        for (VectorFile.Item v : file.section("vectors")) {
            String typed = text(v.typed().orElseThrow());
            Matcher m = tag.matcher(typed);
            while (m.find()) {
                tags.add(m.group(1));
            }
            for (ViewType view : ViewType.values()) {
                if (typed.contains("\"view\":\"" + view.jsName() + "\"")) {
                    views.add(view);
                }
            }
            for (SpecialNumber n : SpecialNumber.values()) {
                if (typed.contains("{\"$t\":\"Number\",\"v\":\"" + n.text() + "\"}")) {
                    specials.add(n);
                }
            }
        }
        List<String> allTags = List.of(
                "Array",
                "BigInt",
                "Boxed",
                "Bytes",
                "Date",
                "Error",
                "Map",
                "Number",
                "Object",
                "RegExp",
                "Set",
                "Undefined");
        assertTrue(tags.containsAll(allTags), "tags seen: " + tags);
        assertEquals(EnumSet.allOf(ViewType.class), views);
        assertEquals(EnumSet.allOf(SpecialNumber.class), specials);
    }

    @Test
    void unencodableItemsNameAReason() {
        for (VectorFile.Item v : file.section("unencodable")) {
            assertTrue(v.field("js").isPresent(), v.name());
            assertTrue(
                    Set.of("cycle", "array-properties", "unsupported-type", "too-deep")
                            .contains(v.field("reason").orElseThrow()),
                    v.name());
        }
    }

    @Test
    void itemNamesAreUniquePerSection() {
        for (String section : List.of("vectors", "normalized", "invalid", "unencodable")) {
            List<String> names =
                    file.section(section).stream().map(VectorFile.Item::name).toList();
            assertEquals(names.size(), Set.copyOf(names).size(), section);
        }
    }

    private static void assertFails(VectorFile.Item v, LandfallException e) {
        assertEquals(ErrorKind.FAILED, e.kind());
        assertTrue(e.hint().isPresent());
        v.field("path")
                .ifPresent(path -> assertTrue(
                        e.getMessage().startsWith(path + ": "),
                        "message should start with " + path + ": " + e.getMessage()));
        String error = v.field("error").orElseThrow();
        assertTrue(e.getMessage().contains(error), "message should contain " + error + ": " + e.getMessage());
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
