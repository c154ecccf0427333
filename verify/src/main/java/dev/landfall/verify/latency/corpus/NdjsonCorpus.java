package dev.landfall.verify.latency.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request corpus in NDJSON: one JSON object a line, {@code {"method":"GET","path":"/v1/x",
 * "headers":{"accept":"application/json"},"body":"…"}}. {@code method} defaults to GET; {@code
 * body} is a string sent as is, or any other JSON value sent as its JSON text; {@code headers} is
 * an object of strings. Blank lines and lines starting with {@code #} are skipped. The file is read
 * line by line and reopened at its end.
 */
public final class NdjsonCorpus implements RequestCorpus {
    /**
     * An HTTP method; compiled once, as the corpus is read on the load's own thread at the full
     * rate (compiling it per request was a sixth of that thread's time and a tenth of the run's garbage).
     */
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("method", "path", "headers", "body");

    private final Path file;
    private BufferedReader reader;
    private long line;
    private long requestsThisPass;

    private NdjsonCorpus(Path file) {
        this.file = file;
    }

    /**
     * Opens the file.
     *
     * @throws LandfallException (usage) when it does not exist or cannot be read
     */
    public static NdjsonCorpus open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        NdjsonCorpus corpus = new NdjsonCorpus(file);
        corpus.reopen();
        corpus.checkEveryLine();
        corpus.reopen();
        return corpus;
    }

    /**
     * Reads the file through once, line by line, so that a bad line is refused before the first
     * request is sent rather than minutes into a dual run.
     */
    private void checkEveryLine() throws IOException {
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            line++;
            String stripped = text.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                parse(stripped);
                requestsThisPass++;
            }
        }
        if (requestsThisPass == 0) {
            throw LandfallException.usage(
                    "--requests " + file + " holds no request",
                    "write one JSON object a line: {\"method\":\"GET\",\"path\":\"/\"}");
        }
    }

    private void reopen() throws IOException {
        if (reader != null) {
            reader.close();
        }
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LandfallException.usage(
                    "--requests " + file + ": no such file", "give an NDJSON file of requests (docs/dual-run.md)");
        }
        line = 0;
        requestsThisPass = 0;
    }

    @Override
    public CorpusRequest next() throws IOException {
        boolean restarted = false;
        while (true) {
            String text = reader.readLine();
            if (text == null) {
                if (restarted || requestsThisPass == 0) {
                    throw LandfallException.usage(
                            "--requests " + file + " holds no request",
                            "write one JSON object a line: {\"method\":\"GET\",\"path\":\"/\"}");
                }
                reopen();
                restarted = true;
                continue;
            }
            line++;
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            requestsThisPass++;
            return parse(stripped);
        }
    }

    private CorpusRequest parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("is not JSON (" + JsonProblem.describe(e) + ")");
        }
        if (node == null || !node.isObject()) {
            throw bad("is not a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw bad("has an unknown field \"" + name + "\" (known: method, path, headers, body)");
            }
        }
        JsonNode method = node.path("method");
        if (!method.isMissingNode() && !method.isTextual()) {
            throw bad("has a method that is not a string");
        }
        JsonNode path = node.path("path");
        if (!path.isTextual() || !path.asText().startsWith("/")) {
            throw bad("needs \"path\": a string starting with /");
        }
        List<CorpusRequest.Header> headers = new ArrayList<>();
        JsonNode h = node.path("headers");
        if (!h.isMissingNode() && !h.isNull()) {
            if (!h.isObject()) {
                throw bad("has \"headers\" that is not an object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw bad("has header \"" + e.getKey() + "\" whose value is not a string");
                }
                headers.add(new CorpusRequest.Header(e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode b = node.path("body");
        byte[] body;
        if (b.isMissingNode() || b.isNull()) {
            body = new byte[0];
        } else if (b.isTextual()) {
            body = b.asText().getBytes(StandardCharsets.UTF_8);
        } else {
            body = b.toString().getBytes(StandardCharsets.UTF_8);
        }
        String m = method.isMissingNode() ? "GET" : method.asText().toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(m).matches()) {
            throw bad("has method \"" + method.asText() + "\", which is not an HTTP method");
        }
        return new CorpusRequest(m, path.asText(), headers, body);
    }

    private LandfallException bad(String what) {
        return LandfallException.usage(
                "--requests " + file + " line " + line + " " + what,
                "fix the line; each line is {\"method\":\"GET\",\"path\":\"/…\",\"headers\":{…},\"body\":…}");
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
