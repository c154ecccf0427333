package dev.landfall.core.spi;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The providers of one kind on the class path, found through {@link ServiceLoader}, by URI scheme
 * in scheme order. Two providers of a scheme is a packaging error, reported when first loaded.
 */
final class ProvidersByScheme<P> {
    private final Map<String, P> byScheme = new TreeMap<>();
    private final Function<P, String> usage;

    /**
     * @param kind the provider interface
     * @param scheme a provider's scheme
     * @param usage a provider's line of {@code --help}
     * @param what the kind, for the message ({@code source}, {@code store})
     */
    ProvidersByScheme(Class<P> kind, Function<P, String> scheme, Function<P, String> usage, String what) {
        this.usage = usage;
        for (P p : ServiceLoader.load(kind, kind.getClassLoader())) {
            P earlier = byScheme.put(scheme.apply(p), p);
            if (earlier != null) {
                throw new IllegalStateException("two " + what + " providers serve '" + scheme.apply(p) + "': "
                        + earlier.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    /** The schemes served, in order. */
    List<String> schemes() {
        return List.copyOf(byScheme.keySet());
    }

    /** One usage line per provider, in scheme order. */
    List<String> usages() {
        return byScheme.values().stream().map(usage).toList();
    }

    /** The provider of a scheme, or null. */
    P get(String scheme) {
        return byScheme.get(scheme);
    }
}
