package dev.landfall.infra.terraform;

import dev.landfall.infra.ToolOnPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real terraform CLI, run offline: providers come from a filesystem mirror through a CLI
 * config file, downloads are shared through one plugin cache, and AWS sees only fake keys (no
 * profile, shared config or instance metadata is read). See build-facts.md, "Tools present".
 */
final class TerraformTool {
    /** Where machine images put the mirror; {@code LANDFALL_TF_MIRROR} names another. */
    private static final List<String> MIRROR_CANDIDATES = List.of(
            "/opt/tf-plugins",
            "/usr/local/share/terraform/plugins",
            "/usr/share/terraform/plugins",
            System.getProperty("user.home") + "/.terraform.d/plugins",
            System.getProperty("user.home") + "/.local/share/terraform/plugins");
    /** Searched a few levels deep when no candidate holds the provider. */
    private static final List<String> MIRROR_SEARCH_ROOTS = List.of("/opt", "/usr/local/share", "/usr/share");

    private static final String PROVIDER = "registry.terraform.io/hashicorp/aws";
    private static final long TIMEOUT_SECONDS = 180;

    final Path executable;
    private final Path cliConfig;
    private final Path pluginCache;
    private final Path awsConfig;
    private final Path logs;

    /** Output and exit code of one terraform run. */
    record Result(int exitCode, String output) {}

    private TerraformTool(Path executable, Path cliConfig, Path pluginCache, Path work) {
        this.executable = executable;
        this.logs = work;
        this.cliConfig = cliConfig;
        this.pluginCache = pluginCache;
        // Absent on purpose: no profile or shared credentials of the machine are read.
        this.awsConfig = work.resolve("no-aws-config");
    }

    /** Why terraform cannot run here: it is not on the PATH, or no mirror holds the aws provider. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** terraform set up for offline use, its CLI config written into {@code work}. */
    static TerraformTool locate(Path work, Path pluginCache) throws IOException, Unavailable {
        Path executable = ToolOnPath.find("terraform").orElse(null);
        if (executable == null) {
            throw new Unavailable("terraform is not on the PATH");
        }
        Optional<Path> mirror = mirror();
        if (mirror.isEmpty()) {
            throw new Unavailable("no filesystem mirror of " + PROVIDER + " in " + MIRROR_CANDIDATES + " or under "
                    + MIRROR_SEARCH_ROOTS + " (set LANDFALL_TF_MIRROR to its root)");
        }
        Path cliConfig = work.resolve("terraform.tfrc");
        // HCL string: the path is a JSON-compatible string literal.
        String path = mirror.get().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(cliConfig, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/*/*"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/*/*"]
                  }
                }
                """.formatted(path));
        Files.createDirectories(pluginCache);
        return new TerraformTool(executable, cliConfig, pluginCache, work);
    }

    /** The folder that holds {@code registry.terraform.io/hashicorp/aws/VERSION/linux_amd64/}. */
    static Optional<Path> mirror() {
        List<Path> candidates = new ArrayList<>();
        String named = System.getenv("LANDFALL_TF_MIRROR");
        if (named != null && !named.isBlank()) {
            candidates.add(Path.of(named));
        }
        MIRROR_CANDIDATES.forEach(candidate -> candidates.add(Path.of(candidate)));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve(PROVIDER))) {
                return Optional.of(candidate);
            }
        }
        for (String root : MIRROR_SEARCH_ROOTS) {
            Path start = Path.of(root);
            if (!Files.isDirectory(start)) {
                continue;
            }
            // A working directory's .terraform/providers has the same shape but is not a mirror.
            try (Stream<Path> dirs = Files.find(
                    start,
                    6,
                    (dir, attributes) -> attributes.isDirectory()
                            && dir.endsWith(Path.of(PROVIDER))
                            && !dir.toString().contains("/.terraform/"))) {
                Optional<Path> found = dirs.findFirst();
                if (found.isPresent()) {
                    return Optional.of(found.get().getParent().getParent().getParent());
                }
            } catch (IOException | UncheckedIOException e) {
                // an unreadable folder: look in the next root
            }
        }
        return Optional.empty();
    }

    /** Runs {@code terraform ARGS} in {@code dir}; output is stdout and stderr together. */
    Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile(logs, "terraform-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TF_"));
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toString());
        env.put("TF_PLUGIN_CACHE_DIR", pluginCache.toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("CHECKPOINT_DISABLE", "1"); // no version check over the network
        env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        env.put("AWS_CONFIG_FILE", awsConfig.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", awsConfig.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(
                        -1, "terraform " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
