package dev.landfall.cloudflare.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.landfall.cloudflare.api.WorkerBinding;
import dev.landfall.cloudflare.api.WorkerScript;
import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.time.RequestBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assessment's rules, the answers file, and the estimate's arithmetic. */
class AssessmentTest {
    private static AccountInventory inventory(boolean counted, long... keys) {
        return inventory(counted, List.of(), keys);
    }

    /** Namespaces NS0.. of these key counts, the first ones with these value samples. */
    private static AccountInventory inventory(boolean counted, List<ValueSample> samples, long... keys) {
        List<WorkerBinding> bindings = List.of(
                new WorkerBinding("CACHE", "kv_namespace", Map.of("namespace_id", "n0")),
                new WorkerBinding("Q", "queue", Map.of("queue_name", "q")),
                new WorkerBinding("S", "secret_text", Map.of()),
                new WorkerBinding("F", "flagship", Map.of()));
        List<KvNamespaceItem> kv = new java.util.ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            Optional<KeyCount> k = counted ? Optional.of(new KeyCount(keys[i], 0, 0, 0, 1)) : Optional.empty();
            Optional<ValueSample> sample = i < samples.size() ? Optional.of(samples.get(i)) : Optional.empty();
            kv.add(new KvNamespaceItem("n" + i, "NS" + i, List.of(), k, sample));
        }
        List<DoNamespaceItem> dos =
                List.of(new DoNamespaceItem("d", "Room", "app", Optional.of(true), 25_000, 25_000, 3, List.of()));
        return new AccountInventory(
                "acct",
                Instant.EPOCH,
                List.of(new WorkerScript("app", List.of("fetch"), "", bindings)),
                kv,
                dos,
                counted,
                10,
                counted ? keys.length : 0,
                samples.size());
    }

    private static Answers answers(String... pairs) {
        Answers a = Answers.NONE;
        for (int i = 0; i < pairs.length; i += 2) {
            a = a.with(pairs[i], pairs[i + 1], "--" + pairs[i]);
        }
        return a;
    }

    @Test
    void theVerdictFollowsTheDocumentedRules() {
        AccountInventory inv = inventory(false, 10);
        assertEquals("open", Assessor.assess(inv, Answers.NONE).verdict());
        assertEquals(
                "weak",
                Assessor.assess(inv, answers("request-path", "offline", "data-heat", "hot"))
                        .verdict());
        assertEquals(
                "strong",
                Assessor.assess(inv, answers("request-path", "edge", "p99-target", "100ms"))
                        .verdict());
        assertEquals(
                "strong",
                Assessor.assess(inv, answers("request-path", "inline", "data-heat", "hot"))
                        .verdict());
        assertEquals(
                "moderate",
                Assessor.assess(inv, answers("request-path", "edge", "p99-target", "101ms"))
                        .verdict());
        assertEquals(
                "moderate",
                Assessor.assess(inv, answers("request-path", "backend", "data-heat", "hot"))
                        .verdict());
    }

    @Test
    void unansweredQuestionsAreShownAsSuchAndVendorServicesComeFromBindings() {
        Assessment a = Assessor.assess(inventory(false, 10), answers("request-path", "edge"));
        assertEquals(List.of("p99-target", "data-heat", "self-hostable"), a.unanswered());
        Finding vendor = a.findings().get(3);
        assertEquals("vendor-services", vendor.key());
        assertEquals(Optional.of("3"), vendor.answer(), "Workers KV, Queues and the unknown flagship; not the secret");
        assertTrue(vendor.meaning().contains("flagship"), vendor.meaning());
        assertEquals("unanswered", a.findings().get(1).answerText());
        assertTrue(a.summary().contains("2 other Cloudflare service(s)"), a.summary());
    }

    @Test
    void theAnswersFileIsReadLineByLineAndFlagsWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("answers.txt");
        Files.writeString(file, "# ours\nrequest-path: Edge\n\np99-target: 30ms  # measured\nself-hostable: yes\n");
        Answers fromFile = Answers.read(file);
        assertEquals(Optional.of(Answers.RequestPath.EDGE), fromFile.requestPath());
        assertEquals(Optional.of(Duration.ofMillis(30)), fromFile.p99Target());
        Answers merged = answers("request-path", "backend").or(fromFile);
        assertEquals(Optional.of(Answers.RequestPath.BACKEND), merged.requestPath());
        assertEquals(Optional.of(true), merged.selfHostable());

        Files.writeString(file, "request-path: edge\ndata-heat: lukewarm\n");
        LandfallException e = assertThrows(LandfallException.class, () -> Answers.read(file));
        assertEquals(ErrorKind.USAGE, e.kind());
        assertTrue(e.getMessage().contains("answers.txt:2"), e.getMessage());
        Files.writeString(file, "latency 5ms\n");
        assertTrue(assertThrows(LandfallException.class, () -> Answers.read(file))
                .getMessage()
                .contains(":1"));
        Files.writeString(file, "colour: blue\n");
        assertTrue(assertThrows(LandfallException.class, () -> Answers.read(file))
                .getMessage()
                .contains("not a question"));
        assertThrows(LandfallException.class, () -> Answers.read(dir.resolve("missing.txt")));
        assertThrows(LandfallException.class, () -> answers("p99-target", "0ms"));
    }

    @Test
    void theEstimateShowsItsArithmetic() {
        ExportEstimate e = ExportEstimate.of(inventory(true, 1_000_000, 150), RequestBudget.CLOUDFLARE_DEFAULT);
        // 1 namespace list + (1000 + 10000) + (1 + 2) + 3 object lists
        assertEquals(1 + 11_000 + 3 + 3, e.requests());
        assertEquals(Duration.ofSeconds(300 * 9), e.time(), "⌈11007/1200⌉ − 1 = 9 windows of 5m");
        assertTrue(e.keyCountsKnown());
        assertTrue(e.lowerBound(), "no value was sampled: text assumed");
        assertTrue(e.basis().startsWith("A lower bound"), e.basis());
        assertEquals(
                "1,000,000 keys: ⌈1000000/1000⌉ ≥ 1 = 1000 list + ⌈1000000/100⌉ = 10000 bulk get + binary values"
                        + " unknown, 0 single reads counted",
                e.lines().get(1).arithmetic());
        assertEquals(Duration.ofMinutes(45), e.perMillionKeys());
        assertEquals(
                "11,007 requests at 1200/5m: (⌈11007/1200⌉ − 1) × 5m = 45m", e.timeArithmetic(e.requests(), e.time()));

        ExportEstimate unknown = ExportEstimate.of(inventory(false, 5, 5), RequestBudget.parse("10/1s"));
        assertEquals(1 + 2 + 3, unknown.requests(), "a lower bound: one list per namespace");
        assertEquals(Duration.ZERO, unknown.time());
        assertEquals(Duration.ofSeconds(1_099), unknown.perMillionKeys(), "(⌈11000/10⌉ − 1) windows of 1s");
        assertEquals(25_000, unknown.doObjects());
    }

    @Test
    void sampledBinaryValuesCostOneMoreRequestEach() {
        ExportEstimate e = ExportEstimate.of(
                inventory(
                        true,
                        List.of(
                                new ValueSample(1, 100, false, 80, 20, null),
                                new ValueSample(1, 40, true, 40, 3, null),
                                new ValueSample(1, 100, false, 0, 0, "bulk get refused the sample (400)")),
                        5_000,
                        40,
                        700),
                RequestBudget.CLOUDFLARE_DEFAULT);
        // 5,000 keys with a quarter binary: 5 list + 50 bulk + 1,250 single reads.
        assertEquals(5 + 50 + 1_250, e.lines().get(1).requests());
        assertEquals(
                "5,000 keys: ⌈5000/1000⌉ ≥ 1 = 5 list + ⌈5000/100⌉ = 50 bulk get + 5,000 × 20/80 binary in the"
                        + " sample ≈ 1,250 single read(s)",
                e.lines().get(1).arithmetic());
        // Every value of the 40 was read: its 3 binary values exactly.
        assertEquals(1 + 1 + 3, e.lines().get(2).requests());
        assertTrue(e.lines().get(2).arithmetic().endsWith("+ 3 binary (every value sampled) = 3 single read(s)"));
        // A refused sample counts no single reads, and makes the whole figure a lower bound.
        assertEquals(1 + 7, e.lines().get(3).requests());
        assertEquals(1 + 1_305 + 5 + 8 + 3, e.requests());
        assertTrue(e.lowerBound());
        assertTrue(e.basis().contains("where no sample of the values could be read"), e.basis());

        ExportEstimate sampled = ExportEstimate.of(
                inventory(true, List.of(new ValueSample(10, 1000, false, 1000, 10, null)), 10_000),
                RequestBudget.CLOUDFLARE_DEFAULT);
        assertEquals(1 + 10 + 100 + 100 + 3, sampled.requests());
        assertFalse(sampled.lowerBound());
        assertTrue(sampled.basis().startsWith("An estimate, not a measurement"), sampled.basis());
    }

    @Test
    void aSampleSpreadsOverTheWholeSequence() {
        SpreadSample<Integer> s = new SpreadSample<>(100);
        for (int i = 0; i < 2_500; i++) {
            s.add(i);
        }
        List<Integer> items = s.items();
        assertEquals(100, items.size());
        assertEquals(2_500, s.seen());
        assertEquals(0, items.get(0));
        assertTrue(items.get(99) > 2_300, "reaches the end: " + items);
        for (int i = 1; i < items.size(); i++) {
            int gap = items.get(i) - items.get(i - 1);
            assertTrue(gap >= 16 && gap <= 32, "evenly spaced: " + items);
        }
        SpreadSample<Integer> few = new SpreadSample<>(100);
        for (int i = 0; i < 40; i++) {
            few.add(i);
        }
        assertEquals(40, few.items().size(), "every item when there are no more than the size");
    }
}
