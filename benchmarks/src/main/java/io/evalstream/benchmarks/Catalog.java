package io.evalstream.benchmarks;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The loaded benchmarks by id, and what the load had to say about them. Immutable. */
public final class Catalog {

    private final Map<String, Benchmark> byId = new LinkedHashMap<>();
    private final List<String> notes;

    /** @throws BenchmarkException when two benchmarks have the same id */
    public Catalog(List<Benchmark> benchmarks, List<String> notes) {
        benchmarks.stream().sorted(Comparator.comparing(Benchmark::id)).forEach(benchmark -> {
            Benchmark earlier = byId.putIfAbsent(benchmark.id(), benchmark);
            if (earlier != null) {
                throw new BenchmarkException("benchmark id '" + benchmark.id() + "' is defined by both "
                        + earlier.origin() + " and " + benchmark.origin() + "; rename one");
            }
        });
        this.notes = List.copyOf(notes);
    }

    public Optional<Benchmark> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Sorted by id. */
    public List<Benchmark> all() {
        return List.copyOf(byId.values());
    }

    /** Sorted. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** Things worth a log line: user definitions replacing built-ins, data roots holding only some files. */
    public List<String> notes() {
        return notes;
    }
}
