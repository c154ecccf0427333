package dev.landfall.store.postgres;

import dev.landfall.core.config.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the password for a connection the way libpq does when the URI has none: the {@code
 * PGPASSWORD} environment variable, else the password file ({@code PGPASSFILE}, default {@code
 * ~/.pgpass}) whose first line matching {@code host:port:database:user} gives it. In that file
 * {@code *} matches any value of a field, {@code \:} and {@code \\} escape, lines starting with
 * {@code #} are comments, and a file that group or others may read is ignored, as libpq ignores it.
 *
 * <p>The environment and the home directory are injected, so tests never depend on the machine's.
 */
public final class PgPassword {
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, String> env;
    private final Path home;

    /**
     * A resolver over the given environment and home directory.
     *
     * @param env environment variables ({@code PGPASSWORD}, {@code PGPASSFILE})
     * @param home the user's home directory, where {@code .pgpass} is looked for; null if unknown
     */
    public PgPassword(Map<String, String> env, Path home) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = home;
    }

    /** A resolver over this process's environment and {@code user.home}. */
    public static PgPassword system() {
        String home = System.getProperty("user.home");
        return new PgPassword(System.getenv(), home == null || home.isBlank() ? null : Path.of(home));
    }

    /**
     * Where a password came from.
     *
     * @param secret the password, if one was found
     * @param source where it came from, or why none was found, for hints (never the password)
     */
    public record Found(Optional<Secret> secret, String source) {
        public Found {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(source, "source");
        }
    }

    /** The password of the URI if it has one, else as {@link #lookup} finds it. */
    public Found forUri(PostgresUri uri) {
        if (uri.password().isPresent()) {
            return new Found(uri.password(), "the URI");
        }
        return lookup(uri.host(), Integer.toString(uri.port()), uri.database(), uri.user());
    }

    /** The password for a connection from {@code PGPASSWORD} or the password file. */
    public Found lookup(String host, String port, String database, String user) {
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Found(Optional.of(Secret.of(fromEnv)), "PGPASSWORD");
        }
        String named = env.get("PGPASSFILE");
        Path file;
        if (named != null && !named.isBlank()) {
            file = Path.of(named);
        } else if (home != null) {
            file = home.resolve(".pgpass");
        } else {
            return new Found(Optional.empty(), "nowhere: no URI password, no PGPASSWORD and no home directory");
        }
        return fromFile(file, List.of(host, port, database, user));
    }

    private static Found fromFile(Path file, List<String> wanted) {
        if (!Files.isRegularFile(file)) {
            return new Found(Optional.empty(), "nowhere: no URI password, no PGPASSWORD and no " + file);
        }
        if (openToOthers(file)) {
            return new Found(
                    Optional.empty(),
                    "nowhere: " + file + " is ignored because group or others may read it (chmod 600 " + file + ")");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(line);
                if (fields.size() >= 5
                        && matches(fields, wanted)
                        && !fields.get(4).isBlank()) {
                    return new Found(Optional.of(Secret.of(fields.get(4))), file + " line " + number);
                }
            }
        } catch (NoSuchFileException e) {
            return new Found(Optional.empty(), "nowhere: no URI password, no PGPASSWORD and no " + file);
        } catch (IOException e) {
            return new Found(
                    Optional.empty(),
                    "nowhere: " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return new Found(Optional.empty(), "nowhere: no URI password, no PGPASSWORD and no matching line in " + file);
    }

    private static boolean matches(List<String> fields, List<String> wanted) {
        for (int i = 0; i < 4; i++) {
            String f = fields.get(i);
            if (!f.equals("*") && !f.equals(wanted.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a line at unescaped colons into its fields, unescaped. The fifth field (the password)
     * runs to the end of the line, colons included, as in libpq.
     */
    // visible for testing
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>(5);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static boolean openToOthers(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.stream().anyMatch(NOT_OWNER::contains);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // not a POSIX file system: libpq does not check there either
        }
    }
}
