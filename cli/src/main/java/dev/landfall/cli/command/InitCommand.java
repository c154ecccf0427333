package dev.landfall.cli.command;

import dev.landfall.cli.LandfallCommand;
import dev.landfall.cli.option.VerbosityOptions;
import dev.landfall.core.error.LandfallException;
import dev.landfall.infra.spec.SpecExample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code landfall init}: a commented, valid example {@code landfall.yaml} to start from. */
@Command(
        name = "init",
        header = "Write a commented example landfall.yaml (the service spec).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Prints a commented, valid example of the service spec to stdout, or writes it to",
            "--out FILE (never over an existing file unless --force). Edit it, then check it",
            "with 'landfall infra validate --spec FILE'. Reference: docs/landfall-yaml.md.",
            ""
        },
        footer = {"", "Example:", "  landfall init --out landfall.yaml"})
public final class InitCommand extends LandfallCommand {

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the example here instead of stdout.")
    Path out;

    @Option(names = "--force", description = "Replace --out FILE if it exists.")
    boolean force;

    @Override
    public Integer call() {
        String example = SpecExample.text();
        if (out == null) {
            if (force) {
                throw LandfallException.usage("--force needs --out FILE", "add --out FILE, or drop --force");
            }
            context.out().print(example);
            context.out().flush();
            return 0;
        }
        try {
            if (force) {
                Files.writeString(out, example, StandardCharsets.UTF_8);
            } else {
                // CREATE_NEW makes the existence check and the write one step: no race, no clobbering.
                Files.writeString(out, example, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            }
        } catch (FileAlreadyExistsException e) {
            throw LandfallException.usage(
                    "--out " + out + " already exists", "choose another file, or add --force to replace it");
        } catch (IOException e) {
            throw LandfallException.usage(
                    "cannot write --out " + out + ": " + e.getMessage(),
                    "check the directory exists and is writable",
                    e);
        }
        context.err().println("wrote " + out + "; next: landfall infra validate --spec " + out);
        return 0;
    }
}
