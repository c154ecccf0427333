package dev.landfall.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.diff.Plan;
import dev.landfall.core.diff.Planner;
import dev.landfall.core.model.Entry;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.spi.ScopeWriter;
import dev.landfall.core.spi.WriteMode;
import dev.landfall.core.store.MemoryStore;
import dev.landfall.core.text.RawControls;
import dev.landfall.core.time.FakeClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PlanRenderersTest {
    private static final String HOSTILE_TITLE = "evil\u001b]0;pwned\u0007\u001b[2J\u202Etitle\u0000";
    private static final KvNamespace NS = new KvNamespace("0f2ac74b498b48028cb68387c421e279", "SESSIONS<b>");
    private final FakeClock clock = new FakeClock();

    @Test
    void textReadsLikeTerraformAndEscapesKeys() throws IOException {
        String text = text(false);
        assertTrue(text.contains("  + \"a\"  3 B sha256:"), text);
        assertTrue(text.contains("  ~ \"c\"\n      metadata: {\"v\":1} -> {\"v\":2}"), text);
        assertTrue(text.contains("  - \"f\"  9 B sha256:"), text);
        assertTrue(text.contains("\"\\u001b[31mkey\""), "control characters in keys are escaped: " + text);
        assertTrue(text.contains("Plan: 2 to create, 1 to update, 1 to delete."), text);
        assertFalse(text.contains("\u001b"), "no raw escape sequence without colour");
        assertTrue(text(true).contains("\u001b[32m+\u001b[0m"), "colour when asked");
    }

    @Test
    void jsonIsStableAndComplete() throws IOException {
        StringWriter w = new StringWriter();
        new PlanJsonRenderer().render(plan(), new PrintWriter(w));
        assertTrue(w.toString().startsWith("{\n  \"version\" : 1,\n"), w.toString());
        JsonNode root = new ObjectMapper().readTree(w.toString());
        assertEquals(1, root.get("version").asInt());
        assertEquals("mirror", root.get("mode").asText());
        assertTrue(root.get("hasChanges").asBoolean());
        assertEquals(2, root.at("/totals/create").asLong());
        assertEquals(1, root.at("/totals/delete").asLong());
        JsonNode scope = root.at("/scopes/0");
        assertEquals("kv", scope.get("kind").asText());
        assertEquals("create", scope.at("/changes/0/action").asText());
        assertEquals("update", scope.at("/changes/2/action").asText());
        assertEquals(1, scope.at("/changes/2/before/metadata/v").asInt());
        assertEquals(2, scope.at("/changes/2/after/metadata/v").asInt());
        assertEquals(64, scope.at("/changes/1/after/sha256").asText().length());
    }

    @Test
    void markdownHasATableAndADiffBlock() throws IOException {
        StringWriter w = new StringWriter();
        new PlanMarkdownRenderer().render(plan(), new PrintWriter(w));
        String md = w.toString();
        assertTrue(md.contains("| scope | create | update | delete | unchanged | to write |"), md);
        assertTrue(md.contains("**Plan: 2 to create, 1 to update, 1 to delete.**"), md);
        assertTrue(md.contains("```diff\n+ \"\\u001b[31mkey\""), md);
        assertTrue(md.contains("\n+ \"a\"  3 B sha256:"), md);
        assertTrue(md.contains("\n- \"f\""), md);
    }

    @Test
    void htmlIsSelfContainedAndEscaped() throws IOException {
        StringWriter w = new StringWriter();
        new PlanHtmlRenderer().render(plan(), new PrintWriter(w));
        String html = w.toString();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg id=\"chart\""));
        assertTrue(html.contains("SESSIONS&lt;b&gt;"), "scope titles are escaped");
        assertFalse(html.contains("SESSIONS<b>"));
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http") || html.contains("<script"), html);
        assertTrue(html.contains("Plan: 2 to create, 1 to update, 1 to delete."));
    }

    @Test
    void markdownScopeRowsEscapePipesAndShowControls() throws IOException {
        KvNamespace piped = new KvNamespace("ns1", "a|b\u0007");
        MemoryStore source = new MemoryStore();
        try (ScopeWriter w = source.open(piped, WriteMode.UPSERT)) {
            w.put(new Entry(piped, Key.of("k"), new byte[] {1}, null, null));
            w.flush();
        }
        Plan plan = new Planner(source, new MemoryStore(), WriteMode.UPSERT, 10, clock, Planner.Listener.NONE)
                .plan(s -> true);
        StringWriter w = new StringWriter();
        new PlanMarkdownRenderer().render(plan, new PrintWriter(w));
        assertTrue(w.toString().contains("\n| kv a\\|b\\u0007 (ns1) | 1 | 0 | 0 | 0 | 1 B |\n"), w.toString());
    }

    @Test
    void aHostileTitleIsVisibleInEveryFormatAndActsInNone() throws IOException {
        KvNamespace hostile = new KvNamespace("ns\u009b1", HOSTILE_TITLE);
        MemoryStore source = new MemoryStore();
        try (ScopeWriter w = source.open(hostile, WriteMode.UPSERT)) {
            w.put(new Entry(hostile, Key.of("k"), new byte[] {1}, "{\"m\":\"\u202e\"}", null));
            w.flush();
        }
        Plan plan = new Planner(source, new MemoryStore(), WriteMode.UPSERT, 10, clock, Planner.Listener.NONE)
                .plan(s -> true);
        for (ReportRenderer<Plan> renderer : List.<ReportRenderer<Plan>>of(
                new PlanTextRenderer(false),
                new PlanMarkdownRenderer(),
                new PlanHtmlRenderer(),
                new PlanJsonRenderer())) {
            StringWriter w = new StringWriter();
            renderer.render(plan, new PrintWriter(w));
            String out = w.toString();
            RawControls.assertNone(renderer.getClass().getSimpleName(), out);
            assertTrue(
                    out.contains("pwned\\u0007") || out.contains("pwned\\u0007".toUpperCase(Locale.ROOT)),
                    renderer.getClass().getSimpleName() + " shows the escape: " + out);
        }
        assertTrue(text(plan).contains("kv evil\\u001b]0;pwned\\u0007\\u001b[2J\\u202etitle\\u0000 (ns\\u009b1)"));
    }

    private static String text(Plan plan) {
        StringWriter w = new StringWriter();
        new PlanTextRenderer(false).render(plan, new PrintWriter(w));
        return w.toString();
    }

    private String text(boolean colour) throws IOException {
        StringWriter w = new StringWriter();
        new PlanTextRenderer(colour).render(plan(), new PrintWriter(w));
        return w.toString();
    }

    private Plan plan() throws IOException {
        MemoryStore source = store(
                e("\u001b[31mkey", "esc", null),
                e("a", "new", null),
                e("b", "same", null),
                e("c", "meta", "{\"v\":2}"));
        MemoryStore target = store(e("b", "same", null), e("c", "meta", "{\"v\":1}"), e("f", "only-here", null));
        return new Planner(source, target, WriteMode.MIRROR, 10, clock, Planner.Listener.NONE).plan(s -> true);
    }

    private static Entry e(String key, String value, String metadata) {
        return new Entry(NS, Key.of(key), value.getBytes(StandardCharsets.UTF_8), metadata, null);
    }

    private static MemoryStore store(Entry... entries) throws IOException {
        MemoryStore store = new MemoryStore();
        try (ScopeWriter w = store.open(NS, WriteMode.UPSERT)) {
            for (Entry x : entries) {
                w.put(x);
            }
            w.flush();
        }
        return store;
    }
}
