package io.evalstream.benchmarks;

import io.evalstream.benchmarks.data.DataRoot;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.definition.SourceSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Loads one definition: picks the first data root that holds all its files, reads its items and exemplars, compiles
 * its variants and renders every item and exemplar in every variant, so that nothing can fail later at run time.
 */
final class BenchmarkLoader {

    private BenchmarkLoader() {
    }

    /**
     * @param origin the definition file, which starts every error message
     * @param notes  receives what a reader of the startup log should know (a root that had only some of the files)
     */
    static Benchmark load(BenchmarkDefinition definition, String origin, List<DataRoot> roots,
            Consumer<String> notes) {
        try {
            DataRoot root = root(definition, roots, notes);
            Subsets subsets = new Subsets(definition.items().subsets());
            List<Item> items = new ItemMapper(definition, subsets)
                    .items(SourceReader.read(root, definition.items().source(), "source"));
            Exemplars exemplars = Exemplars.load(definition, root, subsets);
            Map<String, VariantTemplate> variants = VariantTemplate.compile(definition);
            for (VariantTemplate variant : variants.values()) {
                items.forEach(item -> variant.check(item.context(), item.where(), false));
                exemplars.all().forEach(exemplar -> variant.check(exemplar.context(), exemplar.where(), true));
            }
            Benchmark benchmark = new Benchmark(definition, origin, root.describe(), items, exemplars, variants);
            checkShots(definition, benchmark);
            return benchmark;
        } catch (BenchmarkException e) {
            throw new BenchmarkException(origin + ": " + e.getMessage(), e);
        }
    }

    private static DataRoot root(BenchmarkDefinition definition, List<DataRoot> roots, Consumer<String> notes) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("source.path", definition.items().source().path());
        if (definition.prompts().fewShot() != null) {
            paths.put("fewShot.source.path", definition.prompts().fewShot().source().path());
        }
        List<String> partial = new ArrayList<>();
        for (DataRoot root : roots) {
            List<String> missing = paths.values().stream().filter(path -> root.find(path).isEmpty()).toList();
            if (missing.isEmpty()) {
                partial.forEach(skipped -> notes.accept(definition.id() + ": " + skipped + "; using "
                        + root.describe()));
                return root;
            }
            if (missing.size() < paths.size()) {
                partial.add(root.describe() + " has only some of its files (missing " + missing + ")");
            }
        }
        throw new BenchmarkException("no data root holds every file this benchmark needs ("
                + paths.entrySet().stream().map(path -> path.getKey() + " '" + path.getValue() + "'")
                        .collect(Collectors.joining(", "))
                + "); searched " + roots.stream().map(root -> paths.values().stream()
                        .filter(path -> root.find(path).isEmpty()).map(root::explainMiss)
                        .collect(Collectors.joining("; "))).collect(Collectors.joining("; "))
                + ". Put the files into the datasets directory (or beside the definition in the benchmarks"
                + " directory), or fix the paths");
    }

    private static void checkShots(BenchmarkDefinition definition, Benchmark benchmark) {
        int shots = benchmark.settings().shots();
        if (shots > benchmark.maxShots()) {
            SourceSpec fewShot = definition.prompts().fewShot() == null ? null : definition.prompts().fewShot().source();
            throw new BenchmarkException("key 'settings.shots' is " + shots + " but " + (fewShot == null
                    ? "the benchmark has no 'fewShot' source; add one or set shots: 0"
                    : "the few-shot pool ('" + fewShot.path() + "' in " + benchmark.source() + ") has only "
                            + benchmark.maxShots() + " exemplars" + (definition.prompts().fewShot().matchSubset()
                                    ? " for some subset" : "") + "; lower settings.shots or add exemplars"));
        }
    }
}
