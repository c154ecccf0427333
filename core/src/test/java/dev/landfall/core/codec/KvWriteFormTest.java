package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.landfall.core.model.KvLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvWriteFormTest {
    private static final String FORM = "multipart/form-data; boundary=B";

    @Test
    void valueAndMetadataParts() throws Exception {
        KvWriteForm form = KvWriteForm.read(
                FORM,
                () -> body("--B\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"a\":1}"
                        + "\r\n--B\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nv1\r\n--B--"));
        assertArrayEquals(body("v1"), form.value());
        assertEquals(Optional.of("{\"a\":1}"), form.metadata());
    }

    @Test
    void metadataIsOptional() throws Exception {
        KvWriteForm form = KvWriteForm.read(
                FORM, () -> body("--B\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\n\r\n--B--"));
        assertArrayEquals(new byte[0], form.value());
        assertEquals(Optional.empty(), form.metadata());
    }

    @Test
    void aFormWithoutValueIsMalformed() {
        Multipart.Malformed e = assertThrows(
                Multipart.Malformed.class,
                () -> KvWriteForm.read(
                        FORM,
                        () -> body("--B\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}\r\n--B--")));
        assertEquals("The multipart body has no \"value\" part.", e.getMessage());
    }

    @Test
    void theBoundaryIsCheckedBeforeTheBodyIsRead() {
        assertThrows(
                Multipart.Malformed.class,
                () -> KvWriteForm.read("multipart/form-data", () -> fail("the body was read")));
    }

    @Test
    void aBodyThatIsNoFormIsTheRawValueReadUpToTheValueLimit() throws Exception {
        List<String> reads = new ArrayList<>();
        KvWriteForm raw = KvWriteForm.readBody("application/octet-stream", (limit, what) -> {
            reads.add(limit + " " + what);
            return body("v1");
        });
        assertArrayEquals(body("v1"), raw.value());
        assertEquals(Optional.empty(), raw.metadata());
        assertEquals(List.of(KvLimits.MAX_VALUE_BYTES + " Value length"), reads);
    }

    @Test
    void aFormBodyIsReadWithRoomForItsBoundariesAndMetadata() throws Exception {
        List<Long> limits = new ArrayList<>();
        KvWriteForm form = KvWriteForm.readBody(FORM, (limit, what) -> {
            limits.add(limit);
            assertEquals("The request body", what);
            return body("--B\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nv2\r\n--B--");
        });
        assertArrayEquals(body("v2"), form.value());
        assertEquals(List.of((long) KvLimits.MAX_VALUE_BYTES + 64 * 1024 + KvLimits.MAX_METADATA_BYTES), limits);
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
