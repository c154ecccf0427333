package dev.landfall.verify.latency.corpus;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.model.Entry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --template 'METHOD PATH [BODY]'}: turns one exported entry into a request. In the path,
 * {@code {key}} is the key percent-encoded (as one path segment or query value); in the body,
 * {@code {key}} and {@code {value}} are escaped for use inside a JSON string. {@code {scope}} is
 * the scope's id, encoded the same way. Example: {@code POST /v1/verify {"api_key":"{key}"}}.
 */
public final class RequestTemplate {
    private static final Pattern SHAPE = Pattern.compile("([A-Za-z]{1,16})\\s+(/\\S*)(?:\\s+(.*))?", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final List<String> KNOWN = List.of("key", "value", "scope");

    private final String text;
    private final String method;
    private final String path;
    private final String body;

    private RequestTemplate(String text, String method, String path, String body) {
        this.text = text;
        this.method = method;
        this.path = path;
        this.body = body;
    }

    /**
     * Parses a template.
     *
     * @throws LandfallException (usage) naming what is wrong with it
     */
    public static RequestTemplate parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = SHAPE.matcher(text.strip());
        if (!m.matches()) {
            throw LandfallException.usage(
                    "--template '" + text + "' is not METHOD PATH [BODY]",
                    "for example --template 'GET /v1/keys/{key}' or 'POST /verify {\"key\":\"{key}\"}'");
        }
        String body = m.group(3) == null ? "" : m.group(3);
        for (String part : List.of(m.group(2), body)) {
            Matcher p = PLACEHOLDER.matcher(part);
            while (p.find()) {
                if (!KNOWN.contains(p.group(1))) {
                    throw LandfallException.usage(
                            "--template has an unknown placeholder {" + p.group(1) + "}",
                            "use {key}, {value} or {scope}");
                }
            }
        }
        if (!(m.group(2) + body).contains("{key}")) {
            throw LandfallException.usage(
                    "--template '" + text + "' never uses {key}, so every request would be the same",
                    "put {key} in the path or the body");
        }
        return new RequestTemplate(text, m.group(1).toUpperCase(java.util.Locale.ROOT), m.group(2), body);
    }

    /** The request for one entry. */
    public CorpusRequest apply(Entry entry) {
        String key = entry.key().text();
        String value = new String(entry.value(), StandardCharsets.UTF_8);
        String scope = entry.scope().id();
        String p = fill(path, key, value, scope, true);
        String b = fill(body, key, value, scope, false);
        List<CorpusRequest.Header> headers =
                b.isEmpty() ? List.of() : List.of(new CorpusRequest.Header("Content-Type", contentType(b)));
        return new CorpusRequest(method, p, headers, b.getBytes(StandardCharsets.UTF_8));
    }

    private static String contentType(String body) {
        String s = body.strip();
        return s.startsWith("{") || s.startsWith("[") ? "application/json" : "text/plain; charset=utf-8";
    }

    private static String fill(String template, String key, String value, String scope, boolean inPath) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String raw = switch (m.group(1)) {
                case "key" -> key;
                case "value" -> value;
                default -> scope;
            };
            String filled = inPath
                    ? URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20")
                    : new String(JsonStringEncoder.getInstance().quoteAsString(raw));
            m.appendReplacement(sb, Matcher.quoteReplacement(filled));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
