package io.evalstream.producer.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.Json;
import io.evalstream.producer.catalog.Benchmarks;
import io.evalstream.producer.catalog.Catalog;
import io.evalstream.producer.dataset.ClasspathFiles;
import io.evalstream.producer.dataset.DatasetFiles;
import io.evalstream.producer.dataset.DirectoryFiles;
import io.evalstream.producer.run.PublishedRuns;
import io.evalstream.producer.run.RunPlanner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Wires the pure core into CDI. */
public class ProducerBeans {

    private static final Logger LOG = Logger.getLogger(ProducerBeans.class);

    /** Loaded at startup so a bad datasets directory stops the service before it takes a request. */
    @Produces
    @Singleton
    @Startup
    Catalog catalog(ProducerConfig config) {
        DatasetFiles files = config.datasetsDir()
                .<DatasetFiles>map(DirectoryFiles::new)
                .orElseGet(() -> new ClasspathFiles(ProducerBeans.class.getClassLoader()));
        Catalog catalog = Benchmarks.load(files);
        LOG.infof("Loaded benchmarks from %s: %s", files.describe(), catalog.all().stream()
                .map(b -> b.id() + " (" + b.size() + " items, " + b.maxShots() + " exemplars)")
                .collect(Collectors.joining(", ")));
        return catalog;
    }

    @Produces
    @Singleton
    RunPlanner planner(Catalog catalog) {
        return new RunPlanner(catalog);
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
