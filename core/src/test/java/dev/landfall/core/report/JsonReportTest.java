package dev.landfall.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.landfall.core.text.JsonEscapes;
import dev.landfall.core.text.RawControls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {
    @Test
    void versionComesFirstWhateverIsAddedAfter() {
        ObjectNode doc = JsonReport.newDocument();
        doc.put("aField", 1);
        JsonReport.putStrings(doc, "names", List.of("b", "a"));
        assertEquals("{\"version\":1,\"aField\":1,\"names\":[\"b\",\"a\"]}", JsonReport.compact(doc));
    }

    @Test
    void controlsAndDirectionalOverridesAreEscapedYetParseBackExactly() throws Exception {
        String title = "evil\u001b]0;pwned\u0007\u009b2J\u202Etitle\u2028\u007f 👩‍💻 Köln";
        ObjectNode doc = JsonReport.newDocument();
        doc.put("title", title);
        String json = JsonReport.compact(doc);
        assertEquals(
                "{\"version\":1,\"title\":\"evil\\u001B]0;pwned\\u0007\\u009b2J\\u202etitle\\u2028\\u007F 👩‍💻 Köln\"}",
                json);
        RawControls.assertNone("the document", json);
        RawControls.assertNone("the indented document", JsonReport.pretty(doc));
        assertEquals(title, new ObjectMapper().readTree(json).get("title").asText());
    }

    @Test
    void rawJsonKeepsItsMeaningWithItsControlsEscaped() throws Exception {
        String metadata = "{\"m\":\"a\u202eb\u0085\",\n\t\"n\":[1,\r2]}";
        String raw = JsonEscapes.rawJson(metadata);
        assertEquals("{\"m\":\"a\\u202eb\\u0085\",  \"n\":[1, 2]}", raw);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(metadata), json.readTree(raw));
        String plain = "{\"m\":\"Köln 🎉\"}";
        assertEquals(plain, JsonEscapes.rawJson(plain));
    }

    @Test
    void decimalsArePlainNeverScientific() {
        ObjectNode doc = JsonReport.newDocument();
        doc.put("rate", new BigDecimal("500.000000").stripTrailingZeros());
        doc.put("tiny", new BigDecimal("0.000001"));
        assertEquals("{\"version\":1,\"rate\":500,\"tiny\":0.000001}", JsonReport.compact(doc));
    }

    @Test
    void durationsAreSecondsToTheMillisecond() {
        assertEquals(60.013, JsonReport.seconds(Duration.ofNanos(60_012_600_000L)));
        assertEquals(0.0, JsonReport.seconds(Duration.ZERO));
    }

    @Test
    void writeIndentsEndsTheLineAndFlushes() {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s, false);
        ObjectNode doc = JsonReport.newDocument();
        doc.put("ok", true);
        JsonReport.write(doc, w);
        assertEquals("{\n  \"version\" : 1,\n  \"ok\" : true\n}\n", s.toString());
    }
}
