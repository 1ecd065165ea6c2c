package io.evalstream.producer.config;

import io.evalstream.contracts.PriceList;
import io.evalstream.producer.run.PriceBook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.benchmarks.Benchmark;
import io.evalstream.benchmarks.Catalog;
import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.contracts.Json;
import io.evalstream.producer.run.PublishedRuns;
import io.evalstream.producer.run.RunPlanner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Wires the pure core into CDI. */
public class ProducerBeans {

    private static final Logger LOG = Logger.getLogger(ProducerBeans.class);

    /**
     * Loaded and checked at startup, every item rendered in every variant, so a bad definition or data file stops the
     * service (with every problem listed) before it takes a request.
     */
    @Produces
    @Singleton
    @Startup
    Catalog catalog(ProducerConfig config) {
        Catalog catalog = CatalogLoader.load(new CatalogConfig(config.datasetsDir(), config.benchmarksDir()));
        catalog.notes().forEach(note -> LOG.infof("Benchmarks: %s", note));
        for (Benchmark benchmark : catalog.all()) {
            LOG.infof("Benchmark %s: %d items, variants %s, up to %d shots; data from %s, definition %s",
                    benchmark.id(), benchmark.size(), benchmark.variants(), benchmark.maxShots(), benchmark.source(),
                    benchmark.origin());
        }
        return catalog;
    }

    @Produces
    @Singleton
    RunPlanner planner(Catalog catalog) {
        return new RunPlanner(catalog);
    }

    /** Read at startup, so a bad price file stops the service naming the model and field to fix. */
    @Produces
    @Singleton
    @Startup
    PriceBook prices(ProducerConfig config) {
        PriceBook book = config.priceFile().map(file -> new PriceBook(PriceList.read(file), true))
                .orElse(new PriceBook(PriceList.NONE, false));
        LOG.infof("Prices for projections: %s", book.priced() ? book.prices().models().keySet()
                : "none (set evalstream.producer.price-file to the workers' price file)");
        return book;
    }

    @Produces
    @Singleton
    PublishedRuns publishedRuns() {
        return new PublishedRuns();
    }

    /** REST bodies use the wire JSON form (ISO times, nulls omitted), so GET /runs/{id} matches the runs topic. */
    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return Json.mapper().copy();
    }
}
