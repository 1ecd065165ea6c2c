package io.evalstream.producer.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The benchmarks this producer can run, by id, loaded once. */
public final class Catalog {

    private final Map<String, Benchmark<?>> byId = new LinkedHashMap<>();

    public Catalog(List<Benchmark<?>> benchmarks) {
        benchmarks.stream().sorted(Comparator.comparing(Benchmark::id)).forEach(benchmark -> {
            if (byId.put(benchmark.id(), benchmark) != null) {
                throw new IllegalArgumentException("benchmark id " + benchmark.id() + " is defined twice");
            }
        });
    }

    public Optional<Benchmark<?>> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Sorted by id. */
    public List<Benchmark<?>> all() {
        return List.copyOf(byId.values());
    }

    /** Sorted by id. */
    public Set<String> ids() {
        return byId.keySet();
    }
}
