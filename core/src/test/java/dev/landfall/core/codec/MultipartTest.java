package dev.landfall.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTest {

    @Test
    void boundaryFromAQuotedParameter() {
        assertEquals("a b;c", Multipart.boundary("multipart/form-data; charset=utf-8; boundary=\"a b;c\""));
        assertEquals(
                "----formdata-undici-045676979056",
                Multipart.boundary("multipart/form-data; boundary=----formdata-undici-045676979056"));
        assertThrows(Multipart.Malformed.class, () -> Multipart.boundary("multipart/form-data"));
    }

    @Test
    void wranglerShapedBodyWithPreambleAndBinaryPart() {
        byte[] binary = {0, (byte) 0xFF, '\r', '\n', '-', '-', 'X', '\r', '\n'};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "preamble to ignore\r\n--XYZ\r\n");
        write(body, "Content-Disposition: form-data; name=\"value\"\r\n\r\n");
        body.writeBytes(binary);
        write(
                body,
                "\r\n--XYZ  \r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n");
        write(body, "{\"a\":1}\r\n--XYZ--\r\nepilogue");
        List<Multipart.Part> parts = Multipart.parse(body.toByteArray(), "XYZ");
        assertEquals(2, parts.size());
        assertArrayEquals(binary, Multipart.find(parts, "value").orElseThrow().body());
        Multipart.Part meta = Multipart.find(parts, "metadata").orElseThrow();
        assertEquals("{\"a\":1}", new String(meta.body(), StandardCharsets.UTF_8));
        assertEquals("application/json", meta.contentType().orElseThrow());
    }

    @Test
    void malformedBodiesAre400() {
        for (String bad : List.of(
                "",
                "--XYZ\r\nno header end",
                "--XYZ\r\nContent-Disposition: form-data; name=\"v\"\r\n\r\nno close",
                "--XYZ\r\nContent-Type: text/plain\r\n\r\nnameless\r\n--XYZ--")) {
            Multipart.Malformed e = assertThrows(
                    Multipart.Malformed.class, () -> Multipart.parse(bad.getBytes(StandardCharsets.UTF_8), "XYZ"));
            assertTrue(e.getMessage().startsWith("Malformed multipart/form-data body: "), e.getMessage());
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
