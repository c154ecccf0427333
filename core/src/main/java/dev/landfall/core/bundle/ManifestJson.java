package dev.landfall.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.landfall.core.bundle.BundleManifest.PartRecord;
import dev.landfall.core.bundle.BundleManifest.ScopeRecord;
import dev.landfall.core.digest.ScopeDigest;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.io.JsonProblem;
import dev.landfall.core.io.Utf8;
import dev.landfall.core.model.DurableObject;
import dev.landfall.core.model.Key;
import dev.landfall.core.model.KvNamespace;
import dev.landfall.core.model.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code manifest.json} and the per-scope {@code pending.json}, streaming, with
 * every problem reported as FAILED naming the file and line.
 */
final class ManifestJson {
    static final String MANIFEST = "manifest.json";
    static final String PENDING = "pending.json";
    static final String FORMAT = "landfall-bundle";
    static final String PENDING_FORMAT = "landfall-bundle-pending";
    static final Pattern PART_NAME = Pattern.compile("part-[0-9]{5,}\\.ndjson\\.gz");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ManifestJson() {}

    /** A manifest with the line of each scope record, for messages. */
    record Loaded(BundleManifest manifest, Map<String, Long> scopeLines) {
        String where(String scopeId) {
            Long line = scopeLines.get(scopeId);
            return MANIFEST + (line == null ? "" : " line " + line);
        }
    }

    /**
     * A scope's new generation that is being written: sealed parts that no manifest lists yet.
     *
     * @param record the generation so far (its parts and their digest)
     * @param through every key up to and including this one has been decided (written, kept or
     *     deleted) in the sealed parts; null when nothing has been
     */
    record Pending(ScopeRecord record, Key through) {}

    static byte[] write(BundleManifest m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = BundleJson.FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter(
                    Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("formatVersion", m.formatVersion());
            g.writeStringField("toolVersion", m.toolVersion());
            if (m.accountId() != null) {
                g.writeStringField("accountId", m.accountId());
            }
            g.writeStringField("createdAt", m.createdAt().toString());
            g.writeArrayFieldStart("scopes");
            for (ScopeRecord r : m.scopes()) {
                writeScope(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return out.toByteArray();
    }

    static byte[] writePending(Pending p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = BundleJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("format", PENDING_FORMAT);
            g.writeNumberField("formatVersion", BundleManifest.FORMAT_VERSION);
            if (p.through() != null) {
                g.writeStringField("through", p.through().text());
            }
            g.writeFieldName("scope");
            writeScope(g, p.record());
            g.writeEndObject();
            g.writeRaw('\n');
        }
        return out.toByteArray();
    }

    private static void writeScope(JsonGenerator g, ScopeRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.scope().id());
        for (Map.Entry<String, String> field : r.scope().fields()) {
            g.writeStringField(field.getKey(), field.getValue());
        }
        g.writeNumberField("generation", r.generation());
        g.writeNumberField("count", r.count());
        g.writeFieldName("digest");
        g.writeRawValue(r.digest().toJson());
        g.writeArrayFieldStart("parts");
        for (PartRecord part : r.parts()) {
            // One line per part keeps the manifest readable.
            StringWriter compact = new StringWriter();
            try (JsonGenerator pg = BundleJson.FACTORY.createGenerator(compact)) {
                pg.writeStartObject();
                pg.writeStringField("file", part.file());
                pg.writeNumberField("count", part.count());
                pg.writeNumberField("bytes", part.bytes());
                pg.writeStringField("sha256", part.sha256());
                // Keys are valid UTF-8 (the writer checks), so their text is exact.
                pg.writeStringField("firstKey", part.firstKey().text());
                pg.writeStringField("lastKey", part.lastKey().text());
                pg.writeEndObject();
            }
            g.writeRawValue(compact.toString());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Reads a manifest.
     *
     * @param where the file as named in messages, e.g. {@code bundle out/: manifest.json}
     * @throws LandfallException FAILED naming the line of any problem
     */
    static Loaded read(InputStream in, String where) throws IOException {
        try (JsonParser p = BundleJson.FACTORY.createParser(in)) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, "expected a JSON object");
            String format = null;
            Integer version = null;
            String toolVersion = null;
            String accountId = null;
            Instant createdAt = null;
            List<ScopeRecord> scopes = null;
            Map<String, Long> lines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "format" -> {
                        format = string(p, t, name);
                        expect(p, FORMAT.equals(format), "format is '" + format + "', not '" + FORMAT + "'");
                    }
                    case "formatVersion" -> version = version(p, t);
                    case "toolVersion" -> toolVersion = string(p, t, name);
                    case "accountId" -> accountId = t == JsonToken.VALUE_NULL ? null : string(p, t, name);
                    case "createdAt" -> createdAt = instant(p, t, name);
                    case "scopes" -> {
                        expect(p, t == JsonToken.START_ARRAY, "scopes must be an array");
                        scopes = new ArrayList<>();
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            long line = p.currentTokenLocation().getLineNr();
                            ScopeRecord r = readScope(p);
                            expect(
                                    p,
                                    lines.put(r.scope().id(), line) == null,
                                    "scope " + r.scope().id() + " appears twice");
                            scopes.add(r);
                        }
                        expect(p, p.currentToken() == JsonToken.END_ARRAY, "scopes must hold objects");
                    }
                    default -> p.skipChildren(); // fields added later within version 1
                }
            }
            expect(p, p.nextToken() == null, "text after the manifest object");
            expect(p, format != null, "no format field: this is not a Landfall bundle manifest");
            expect(p, version != null, "no formatVersion");
            expect(p, toolVersion != null, "no toolVersion");
            expect(p, createdAt != null, "no createdAt");
            expect(p, scopes != null, "no scopes");
            return new Loaded(
                    new BundleManifest(version, toolVersion, accountId, createdAt, scopes), Map.copyOf(lines));
        } catch (JsonProcessingException e) {
            throw damaged(where, e);
        }
    }

    /** Reads a pending.json. */
    static Pending readPending(InputStream in, String where) throws IOException {
        try (JsonParser p = BundleJson.FACTORY.createParser(in)) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, "expected a JSON object");
            Key through = null;
            ScopeRecord record = null;
            boolean formatOk = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "format" -> formatOk = PENDING_FORMAT.equals(string(p, t, name));
                    case "formatVersion" -> version(p, t);
                    case "through" -> through = key(p, t, name);
                    case "scope" -> {
                        expect(p, t == JsonToken.START_OBJECT, "scope must be an object");
                        record = readScope(p);
                    }
                    default -> p.skipChildren();
                }
            }
            expect(p, formatOk, "format is not '" + PENDING_FORMAT + "'");
            expect(p, record != null, "no scope");
            return new Pending(record, through);
        } catch (JsonProcessingException e) {
            throw damaged(where, e);
        }
    }

    private static ScopeRecord readScope(JsonParser p) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        String id = null;
        String kind = null;
        String namespaceId = null;
        String title = null;
        String objectId = null;
        long generation = -1;
        long count = -1;
        ScopeDigest digest = null;
        List<PartRecord> parts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> id = string(p, t, name);
                case "kind" -> kind = string(p, t, name);
                case "namespaceId" -> namespaceId = string(p, t, name);
                case "title" -> title = string(p, t, name);
                case "objectId" -> objectId = string(p, t, name);
                case "generation" -> generation = count(p, t, name);
                case "count" -> count = count(p, t, name);
                case "digest" -> digest = ScopeDigest.readJson(p);
                case "parts" -> parts = readParts(p, t);
                default -> p.skipChildren();
            }
        }
        expectAt(p, start, id != null && kind != null && namespaceId != null, "scope needs id, kind and namespaceId");
        Scope scope;
        if (kind.equals("kv")) {
            expectAt(p, start, title != null, "kv scope " + id + " needs a title");
            scope = new KvNamespace(namespaceId, title);
        } else if (kind.equals("do")) {
            expectAt(p, start, objectId != null, "do scope " + id + " needs an objectId");
            scope = new DurableObject(namespaceId, objectId);
        } else {
            throw new JsonParseException(p, "scope " + id + " has unknown kind '" + kind + "'", start);
        }
        expectAt(
                p,
                start,
                scope.id().equals(id),
                "scope id '" + id + "' does not match its fields ('" + scope.id() + "')");
        expectAt(
                p,
                start,
                generation >= 1 && count >= 0 && digest != null && parts != null,
                "scope " + id + " needs generation, count, digest and parts");
        expectAt(
                p,
                start,
                digest.count() == count,
                "scope " + id + ": count " + count + " but its digest counts " + digest.count());
        String dir = "scopes/" + ScopeDirs.encode(id) + "/";
        long sum = 0;
        Key previous = null;
        for (PartRecord part : parts) {
            expectAt(
                    p,
                    start,
                    part.file().startsWith(dir)
                            && PART_NAME
                                    .matcher(part.file().substring(dir.length()))
                                    .matches(),
                    "part file '" + part.file() + "' of scope " + id + " is not " + dir + "part-NNNNN.ndjson.gz");
            expectAt(
                    p,
                    start,
                    previous == null || part.firstKey().compareTo(previous) > 0,
                    "parts of scope " + id + " are not in key order at " + part.file());
            previous = part.lastKey();
            sum += part.count();
        }
        expectAt(
                p, start, sum == count, "scope " + id + ": count " + count + " but its parts hold " + sum + " entries");
        return new ScopeRecord(scope, generation, count, digest, parts);
    }

    private static List<PartRecord> readParts(JsonParser p, JsonToken t) throws IOException {
        expect(p, t == JsonToken.START_ARRAY, "parts must be an array");
        List<PartRecord> parts = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String file = null;
            long count = -1;
            long bytes = -1;
            String sha = null;
            Key first = null;
            Key last = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "file" -> file = string(p, v, name);
                    case "count" -> count = count(p, v, name);
                    case "bytes" -> bytes = count(p, v, name);
                    case "sha256" -> {
                        sha = string(p, v, name);
                        expect(p, SHA256.matcher(sha).matches(), "sha256 must be 64 lower-case hex characters");
                    }
                    case "firstKey" -> first = key(p, v, name);
                    case "lastKey" -> last = key(p, v, name);
                    default -> p.skipChildren();
                }
            }
            expect(
                    p,
                    file != null && count >= 1 && bytes >= 0 && sha != null && first != null && last != null,
                    "a part needs file, count (at least 1), bytes, sha256, firstKey and lastKey");
            expect(
                    p,
                    first.compareTo(last) <= 0 && (count > 1 || first.equals(last)),
                    "part " + file + ": firstKey and lastKey are out of order");
            parts.add(new PartRecord(file, count, bytes, sha, first, last));
        }
        expect(p, p.currentToken() == JsonToken.END_ARRAY, "parts must hold objects");
        return parts;
    }

    private static int version(JsonParser p, JsonToken t) throws IOException {
        expect(p, t == JsonToken.VALUE_NUMBER_INT, "formatVersion must be an integer");
        int v = p.getIntValue();
        expect(
                p,
                v == BundleManifest.FORMAT_VERSION,
                "format version " + v + " is not supported; this Landfall reads version "
                        + BundleManifest.FORMAT_VERSION);
        return v;
    }

    private static String string(JsonParser p, JsonToken t, String name) throws IOException {
        expect(p, t == JsonToken.VALUE_STRING, name + " must be a string");
        return p.getText();
    }

    private static long count(JsonParser p, JsonToken t, String name) throws IOException {
        expect(p, t == JsonToken.VALUE_NUMBER_INT, name + " must be an integer");
        long n = p.getLongValue();
        expect(p, n >= 0, name + " must not be negative");
        return n;
    }

    private static Key key(JsonParser p, JsonToken t, String name) throws IOException {
        expect(p, t == JsonToken.VALUE_STRING, name + " must be a string");
        try {
            return Key.ofBytes(Utf8.encode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(p, name + " is not valid Unicode text");
        }
    }

    private static Instant instant(JsonParser p, JsonToken t, String name) throws IOException {
        String s = string(p, t, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new JsonParseException(p, name + " is not an ISO-8601 instant: " + s);
        }
    }

    private static void expect(JsonParser p, boolean ok, String message) throws JsonParseException {
        if (!ok) {
            throw new JsonParseException(p, message);
        }
    }

    private static void expectAt(JsonParser p, JsonLocation at, boolean ok, String message) throws JsonParseException {
        if (!ok) {
            throw new JsonParseException(p, message, at);
        }
    }

    private static LandfallException damaged(String where, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String line = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() : "";
        return LandfallException.failed(
                where + line + ": " + JsonProblem.describe(e),
                "the bundle's manifest is damaged or was edited: restore it from a copy, or export again into a new"
                        + " bundle",
                e);
    }
}
