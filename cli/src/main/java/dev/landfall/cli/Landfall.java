package dev.landfall.cli;

import dev.landfall.cli.command.RootCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code landfall} program. {@link #run} is the whole program without {@code System.exit}, so
 * tests drive it with their own streams and environment and assert the exit code.
 */
public final class Landfall {
    private Landfall() {}

    public static void main(String[] args) {
        CliContext context = new CliContext(System.out, System.err, System.getenv(), System.console() != null);
        System.exit(run(context, args));
    }

    /**
     * Runs one command line.
     *
     * @param out where results go (stdout)
     * @param err where progress, warnings and errors go (stderr)
     * @param env the environment, used for defaults such as {@code CLOUDFLARE_API_TOKEN}
     * @return the exit code of ARCHITECTURE.md: 0, 1, 2, 3 or 4
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        return run(new CliContext(out, err, env), args);
    }

    static int run(CliContext context, String... args) {
        PrintWriter outWriter =
                new PrintWriter(new java.io.OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true);
        PrintWriter errWriter =
                new PrintWriter(new java.io.OutputStreamWriter(context.err(), StandardCharsets.UTF_8), true);
        CommandLine cli = newCommandLine(context, args.length > 0 ? args[0] : "");
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The configured command tree, every command in it; visible for testing (completion, help rendering). */
    static CommandLine newCommandLine(CliContext context) {
        return newCommandLine(context, "");
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: when that names a
     * top-level command that works on its own (not {@code help} or {@code completion}, which read
     * the whole tree), the root holds that command alone. Building picocli's model of every
     * command took about half a second of CPU at each start, a tenth of a short export.
     */
    static CommandLine newCommandLine(CliContext context, String first) {
        CommandLine cli = new CommandLine(RootCommand.class, new CommandFactory(context));
        boolean alone = !first.equals("help")
                && !first.equals("completion")
                && RootCommand.COMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> command : RootCommand.COMMANDS) {
            if (!alone || name(command).equals(first)) {
                cli.addSubcommand(name(command), command);
            }
        }
        ErrorReporter reporter = new ErrorReporter();
        cli.setExecutionExceptionHandler(reporter);
        cli.setParameterExceptionHandler(reporter);
        cli.setExitCodeExceptionMapper(reporter);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAbbreviatedOptionsAllowed(false);
        cli.setExpandAtFiles(true);
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }
}
