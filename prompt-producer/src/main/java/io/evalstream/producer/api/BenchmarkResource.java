package io.evalstream.producer.api;

import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.contracts.BenchmarkInfo;
import io.evalstream.contracts.Subset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Lists the benchmarks a run spec may name. */
@Path("/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {

    private final Catalog catalog;

    BenchmarkResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public List<BenchmarkInfo> list() {
        return catalog.all().stream().map(BenchmarkResource::info).toList();
    }

    static BenchmarkInfo info(Benchmark benchmark) {
        return new BenchmarkInfo(benchmark.id(), benchmark.description(), benchmark.category(),
                new BenchmarkInfo.Data(benchmark.size(), benchmark.source()),
                new BenchmarkInfo.Headline(benchmark.extraction(), benchmark.metric()),
                new BenchmarkInfo.Prompts(benchmark.settings(), benchmark.variants(), benchmark.maxShots()),
                subsets(benchmark), benchmark.judging());
    }

    private static BenchmarkInfo.Subsets subsets(Benchmark benchmark) {
        if (benchmark.subsets().isEmpty()) {
            return null;
        }
        Map<String, Integer> groups = new TreeMap<>();
        for (Subset subset : benchmark.subsets()) {
            if (subset.group() != null) {
                groups.merge(subset.group(), 1, Integer::sum);
            }
        }
        return new BenchmarkInfo.Subsets(benchmark.subsets().size(), benchmark.declaredSubsets(), groups);
    }
}
