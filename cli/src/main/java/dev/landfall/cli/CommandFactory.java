package dev.landfall.cli;

import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Makes command objects, handing the {@link CliContext} to every {@link LandfallCommand} (and to
 * any class whose constructor takes it), so
 * no command reaches for {@code System.out} or {@code System.getenv} itself.
 */
final class CommandFactory implements IFactory {
    private final CliContext context;
    private final IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K made;
        try {
            Constructor<K> withContext = type.getDeclaredConstructor(CliContext.class);
            made = withContext.newInstance(context);
        } catch (NoSuchMethodException e) {
            made = fallback.create(type);
        }
        if (made instanceof LandfallCommand command) {
            command.bind(context);
        }
        return made;
    }
}
