package dev.landfall.cli;

import dev.landfall.core.error.ErrorKind;
import dev.landfall.core.error.LandfallException;
import dev.landfall.core.text.VisibleText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where errors become messages and exit codes: a one-line message naming the input,
 * a hint naming the fix, and the cause chain only with {@code --verbose}. Never a stack trace for
 * a usage error. Nothing from the account or a file reaches the terminal raw: messages are
 * {@link VisibleText}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {
    static final int USAGE_EXIT = ErrorKind.USAGE.exitCode();
    private static final Pattern INVALID_VALUE =
            Pattern.compile("Invalid value for option '([^']+)': (.*)", Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String help = "see '" + name + " --help' for the options and their forms";
        Optional<String> atFile = missingArgumentFile(ex);
        LandfallException own = firstLandfall(ex.getCause());
        if (atFile.isPresent()) {
            err.println("landfall: " + visible(atFile.get()) + ": no such argument file (an argument that starts with @"
                    + " names a file of arguments, one per line)");
            err.println("hint: check the path of " + visible(atFile.get()));
        } else if (own != null) {
            // A converter's own message names the input and the valid forms; picocli's wrapping
            // would add Java class names in front of it.
            err.println("landfall: " + visible(own.getMessage()));
            err.println("hint: " + visible(own.hint().orElse(help)));
        } else {
            err.println("landfall: " + visible(withoutRepeatedOption(String.valueOf(ex.getMessage()))));
            err.println("hint: " + help);
        }
        return USAGE_EXIT;
    }

    /**
     * A converter's message that already names its option ("--rate 5/q is not a rate …") without
     * picocli's "Invalid value for option '--rate': " in front of it.
     */
    private static String withoutRepeatedOption(String message) {
        Matcher m = INVALID_VALUE.matcher(message);
        return m.matches() && m.group(2).startsWith(m.group(1)) ? m.group(2) : message;
    }

    /** The {@code @FILE} argument that names no file: picocli leaves it unexpanded and unmatched. */
    private static Optional<String> missingArgumentFile(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            for (String arg : unmatched.getUnmatched()) {
                if (arg.startsWith("@") && arg.length() > 1 && !Files.exists(Path.of(arg.substring(1)))) {
                    return Optional.of(arg);
                }
            }
        }
        return Optional.empty();
    }

    /** The first LandfallException in the chain from {@code from} on, or null. */
    private static LandfallException firstLandfall(Throwable from) {
        for (Throwable t = from; t != null; t = t.getCause()) {
            if (t instanceof LandfallException le) {
                return le;
            }
        }
        return null;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = isVerbose(parseResult);
        LandfallException failure = asLandfallException(ex);
        if (failure.kind() == ErrorKind.INTERNAL) {
            err.println("landfall: internal error: " + visible(failure.getMessage()));
            err.println("This is a bug in Landfall. Rerun with --verbose and report the output.");
        } else {
            err.println("landfall: " + visible(failure.getMessage()));
            failure.hint().ifPresent(h -> err.println("hint: " + visible(h)));
        }
        if (verbose) {
            printCauses(err, failure == ex ? ex.getCause() : ex);
        } else if (failure.getCause() != null || failure != ex) {
            err.println("(rerun with --verbose for the cause)");
        }
        err.flush();
        return failure.exitCode();
    }

    @Override
    public int getExitCode(Throwable exception) {
        return asLandfallException(exception).exitCode();
    }

    private static LandfallException asLandfallException(Throwable ex) {
        LandfallException own = firstLandfall(ex);
        if (own != null) {
            return own;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException io) {
                // Transport or file trouble that no adapter translated: a rerun may succeed.
                return LandfallException.transientFailure(
                        "I/O error: " + io, "check the network, paths and permissions, then rerun", ex);
            }
        }
        return LandfallException.internal(String.valueOf(ex), ex);
    }

    /**
     * Messages quote titles, keys and names from the account or a file, raw where a component
     * built them without {@link VisibleText}: everything but the line breaks is made visible here.
     */
    private static String visible(String message) {
        return Arrays.stream(String.valueOf(message).split("\n", -1))
                .map(VisibleText::of)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static void printCauses(PrintWriter err, Throwable cause) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = cause; t != null && seen.put(t, true) == null; t = t.getCause()) {
            err.println("caused by: " + visible(String.valueOf(t)));
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("    at " + frame);
            }
        }
    }
}
