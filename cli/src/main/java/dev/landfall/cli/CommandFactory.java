package dev.landfall.cli;

import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Makes command objects, handing the {@link CliContext} to those whose constructor takes it, so
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
        try {
            Constructor<K> withContext = type.getDeclaredConstructor(CliContext.class);
            return withContext.newInstance(context);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
