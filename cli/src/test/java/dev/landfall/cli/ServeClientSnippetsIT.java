package dev.landfall.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client snippets of docs/serve.md, pasted as written into a program of their language and run
 * against the built jar's {@code landfall serve} with a bearer token: each must read the value
 * that is there and write {@code user:1} with its TTL (the TypeScript one with metadata too). Only
 * the address and the namespace id are filled in. A snippet whose language's tool is missing
 * skips with a message (node fails instead under {@code LANDFALL_IT_REQUIRED=1}, as bin/test-all
 * installs it; Go is not installed there).
 */
class ServeClientSnippetsIT {
    private static final Path JAR = Path.of("target", "landfall.jar");
    private static final Path PAGE = Path.of("..", "docs", "serve.md");
    private static final String DOCUMENTED_ADDRESS = "http://127.0.0.1:8787";
    private static final String TOKEN = "t0ken-for-snippets";
    private static final String NS = "0123456789abcdef0123456789abcdef";
    private static final Pattern SERVING = Pattern.compile(" at (http://127\\.0\\.0\\.1:[0-9]+) ");

    @TempDir
    static Path dir;

    private static Process serve;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServe() throws Exception {
        assertThat(JAR).as("build the jar first: mvn package").isRegularFile();
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "[{\"key\":\"seed\",\"value\":\"x\"}]");
        Path db = dir.resolve("kv.db");
        Process importer = new ProcessBuilder(List.of(
                        java(),
                        "-jar",
                        JAR.toString(),
                        "import",
                        "--from",
                        "wrangler:" + seed,
                        "--kv",
                        NS,
                        "--to",
                        "sqlite:" + db))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("import.txt").toFile())
                .start();
        assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(importer.exitValue())
                .as(Files.readString(dir.resolve("import.txt")))
                .isZero();
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Path err = dir.resolve("serve.txt");
        serve = new ProcessBuilder(List.of(
                        java(),
                        "-jar",
                        JAR.toString(),
                        "serve",
                        "--store",
                        "sqlite:" + db,
                        "--listen",
                        "127.0.0.1:0",
                        "--token-file",
                        token.toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        while (true) {
            String text = Files.readString(err);
            Matcher m = SERVING.matcher(text);
            if (m.find()) {
                base = m.group(1);
                return;
            }
            assertThat(serve.isAlive()).as("serve exited early: " + text).isTrue();
            Thread.onSpinWait();
        }
    }

    @AfterAll
    static void stopServe() {
        if (serve != null) {
            serve.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ts", "python", "java", "go"})
    void theSnippetReadsAndWritesAsDocumented(String language) throws Exception {
        String snippet = snippet(language);
        assertThat(snippet).as("the snippets use serve's default address").contains(DOCUMENTED_ADDRESS);
        snippet = snippet.replace(DOCUMENTED_ADDRESS, base);
        String seeded = "before-" + language;
        put("user:1", seeded);
        Path work = Files.createDirectories(dir.resolve(language));
        List<String> command = program(language, snippet, work);

        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("LANDFALL_SERVE_TOKEN", TOKEN);
        pb.environment().putIfAbsent("HOME", work.toString()); // go's build cache
        Path out = work.resolve("out.txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS))
                .as("the %s snippet finishes", language)
                .isTrue();
        String printed = Files.readString(out);
        assertThat(p.exitValue()).as("the %s snippet: %s", language, printed).isZero();
        if (!language.equals("go")) { // Go's snippet keeps the value in a block of its own
            assertThat(printed.strip())
                    .as("the value the %s snippet read", language)
                    .endsWith(seeded);
        }

        HttpResponse<String> got = get("/values/user:1");
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("hello");
        long expiration = Long.parseLong(got.headers().firstValue("expiration").orElseThrow());
        long now = System.currentTimeMillis() / 1000;
        assertThat(expiration).as("expiration_ttl=3600").isBetween(now + 3500, now + 3601);
        String metadata = get("/metadata/user:1").body();
        assertThat(metadata).contains(language.equals("ts") ? "\"result\":{\"owner\":\"ann\"}" : "\"result\":null");
    }

    /** The command that runs the snippet, wrapped into a program of its language in {@code work}. */
    private static List<String> program(String language, String snippet, Path work) throws Exception {
        switch (language) {
            case "ts" -> {
                String node = tool("node", "LANDFALL_IT_REQUIRED");
                Files.writeString(
                        work.resolve("snippet.mjs"),
                        "const nsId = \"" + NS + "\";\n" + snippet + "\nconsole.log(value);\n");
                return List.of(node, "snippet.mjs");
            }
            case "python" -> {
                String python = tool("python3", null);
                Files.writeString(
                        work.resolve("snippet.py"), "ns_id = \"" + NS + "\"\n" + snippet + "\nprint(value.decode())\n");
                return List.of(python, "snippet.py");
            }
            case "java" -> {
                Files.writeString(
                        work.resolve("Snippet.java"),
                        "import java.net.URI;\nimport java.net.URLEncoder;\nimport java.net.http.*;\n"
                                + "import java.nio.charset.StandardCharsets;\n"
                                + "public class Snippet {\n  public static void main(String[] args) throws Exception {\n"
                                + "String nsId = \"" + NS + "\";\n" + snippet
                                + "\nSystem.out.println(new String(got.body(), StandardCharsets.UTF_8));\n  }\n}\n");
                return List.of(java(), "Snippet.java");
            }
            case "go" -> {
                String go = tool("go", null);
                Files.writeString(
                        work.resolve("main.go"),
                        "package main\n\nimport (\n\t\"io\"\n\t\"net/http\"\n\t\"net/url\"\n\t\"os\"\n\t\"strings\"\n)\n\n"
                                + "func main() {\nnsID := \"" + NS + "\"\n" + snippet + "\n}\n");
                return List.of(go, "run", "main.go");
            }
            default -> throw new IllegalArgumentException(language);
        }
    }

    /** The one code block of this language in serve.md's Clients section. */
    private static String snippet(String language) throws Exception {
        String page = Files.readString(PAGE);
        int start = page.indexOf("\n## Clients\n");
        int end = page.indexOf("\n## ", start + 1);
        assertThat(start).as("docs/serve.md has a Clients section").isPositive();
        String section = page.substring(start, end < 0 ? page.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("\n```" + Pattern.quote(language) + "\n(.*?)\n```", Pattern.DOTALL)
                .matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks)
                .as("one ```%s block in the Clients section", language)
                .hasSize(1);
        return blocks.get(0);
    }

    /** The tool on the PATH, or a skip (a failure when {@code requiredBy} is set to 1). */
    private static String tool(String name, String requiredBy) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String why = name + " is not installed: its docs/serve.md snippet is not run";
        if (requiredBy != null && "1".equals(System.getenv(requiredBy))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void put(String key, String value) throws Exception {
        HttpResponse<String> r = HTTP.send(
                request("/values/" + key)
                        .PUT(HttpRequest.BodyPublishers.ofString(value))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + "/client/v4/accounts/any/storage/kv/namespaces/" + NS + path))
                .header("Authorization", "Bearer " + TOKEN);
    }
}
