package io.evalstream.producer.api;

import io.evalstream.benchmarks.Catalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

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
        return catalog.all().stream().map(BenchmarkInfo::of).toList();
    }
}
