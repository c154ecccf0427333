package dev.landfall.core.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules the registries rely on, checked over what a class path registers (Debezium {@code
 * DebeziumArchRules}): every class a {@code META-INF/services} file lists loads and is a provider of
 * that kind, each scheme has one provider, and a scheme that is both a source and a store is served
 * by one module (Workers KV: {@code --from cloudflare://} reads an account, {@code --to
 * cloudflare://} writes it back), never by two that could disagree on what the URI means. Core's
 * test checks core's providers; cli's test, whose class path holds every module, checks them all.
 */
public final class ProviderChecks {
    /** A provider class as registered, with the scheme it serves. */
    public record Registered(String className, String scheme) {}

    private ProviderChecks() {}

    /** Every problem with the providers {@code loader} registers; empty when all is well. */
    public static List<String> problems(ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        List<Registered> stores = load(loader, StoreProvider.class, StoreProvider::scheme, problems);
        List<Registered> sources = load(loader, SourceProvider.class, SourceProvider::scheme, problems);
        problems.addAll(problems(stores, sources));
        return problems;
    }

    /** Duplicate, malformed and shared schemes among registered store and source providers. */
    public static List<String> problems(List<Registered> stores, List<Registered> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, String> storeSchemes = bySchemes("store", stores, problems);
        Map<String, String> sourceSchemes = bySchemes("source", sources, problems);
        for (Map.Entry<String, String> s : sourceSchemes.entrySet()) {
            String store = storeSchemes.get(s.getKey());
            if (store != null && !module(store).equals(module(s.getValue()))) {
                problems.add("scheme '" + s.getKey() + "' is both a source (" + s.getValue() + ") and a store (" + store
                        + ") of different modules: they could read the same URI differently");
            }
        }
        return problems;
    }

    /** The classes {@code META-INF/services} files list for {@code type}, each instantiated once. */
    public static <P> List<Registered> load(
            ClassLoader loader, Class<P> type, Function<P, String> scheme, List<String> problems) {
        List<Registered> out = new ArrayList<>();
        String file = "META-INF/services/" + type.getName();
        try {
            for (URL url : Collections.list(loader.getResources(file))) {
                for (String name : classNames(url)) {
                    try {
                        Class<?> c = Class.forName(name, true, loader);
                        if (!type.isAssignableFrom(c)) {
                            problems.add(url + " lists " + name + ", which is not a " + type.getSimpleName());
                            continue;
                        }
                        P provider = type.cast(c.getConstructor().newInstance());
                        out.add(new Registered(name, scheme.apply(provider)));
                    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                        problems.add(url + " lists " + name + ", which does not load: " + e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, String> bySchemes(String kind, List<Registered> providers, List<String> problems) {
        Map<String, String> byScheme = new HashMap<>();
        for (Registered p : providers) {
            if (!p.scheme().matches("[a-z][a-z0-9+.-]*")) {
                problems.add(kind + " provider " + p.className() + " serves a malformed scheme '" + p.scheme() + "'");
            }
            String earlier = byScheme.putIfAbsent(p.scheme(), p.className());
            if (earlier != null && !earlier.equals(p.className())) {
                problems.add(
                        kind + " scheme '" + p.scheme() + "' is served twice: " + earlier + " and " + p.className());
            }
        }
        return byScheme;
    }

    /** The module a provider class belongs to: its package up to {@code dev.landfall.<module>}. */
    private static String module(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", java.util.Arrays.asList(parts).subList(0, Math.min(3, parts.length - 1)));
    }

    private static List<String> classNames(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
