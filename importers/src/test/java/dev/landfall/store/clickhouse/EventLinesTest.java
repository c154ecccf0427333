package dev.landfall.store.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLinesTest {
    @TempDir
    Path dir;

    private static List<String> read(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        try (EventLines l = EventLines.open(f)) {
            while (l.next()) {
                out.add(l.number() + ":" + new String(l.bytes(), 0, l.length(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void splitsLinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        Path f = dir.resolve("e.ndjson");
        String longLine = "x".repeat(200_000);
        Files.writeString(f, "a\r\n\n" + longLine + "\nlast");
        assertEquals(List.of("1:a", "2:", "3:" + longLine, "4:last"), read(f));
    }

    @Test
    void readsGzipByItsMagicBytesWhateverTheName() throws IOException {
        Path f = dir.resolve("e.ndjson");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("1:{\"a\":1}", "2:{\"a\":2}"), read(f));
    }

    @Test
    void aTruncatedGzipFileIsBadInput() throws IOException {
        Path f = dir.resolve("e.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            for (int i = 0; i < 10_000; i++) {
                out.write(("{\"n\":" + i + ",\"pad\":\"" + Integer.toHexString(i * 7919) + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        LandfallException e = assertThrows(LandfallException.class, () -> read(f));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("damaged gzip"), e.getMessage());
    }

    @Test
    void blankLinesAreTold() throws IOException {
        Path f = dir.resolve("e.ndjson");
        Files.writeString(f, " \t\n{}\n");
        try (EventLines l = EventLines.open(f)) {
            assertTrue(l.next());
            assertTrue(l.blank());
            assertTrue(l.next());
            assertFalse(l.blank());
            assertFalse(l.next());
        }
    }
}
