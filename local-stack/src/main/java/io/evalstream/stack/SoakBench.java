package io.evalstream.stack;

import io.evalstream.contracts.BenchmarkInfo;
import io.evalstream.contracts.RunAccepted;
import io.evalstream.reports.scoring.RunSummary;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.SettingsOverrides;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak: at least {@code total} tasks through the whole pipeline with the simulator, fed as a stream of runs
 * by a feeder thread so that tasks are always waiting, as a busy deployment sees it. Every interval it
 * prints the throughput and each process's resident memory as a JSON line; at the end, whether throughput held
 * steady and memory flat ({@link SoakSummary}), and that every task was graded exactly once. At the start of the
 * steady window and late in it, it also measures every JVM's live heap after a full collection ({@link LiveHeap}): the
 * heaps are fixed and touched at start ({@link StackOptions#withFixedHeaps()}), so resident memory shows growth
 * outside them, and the live heap growth inside.
 */
final class SoakBench {

    /** Runs this size keep each publish short (a few seconds), so the feed is even. */
    private static final int TASKS_PER_RUN = 40_000;
    /** A new run is submitted whenever fewer tasks than this are waiting: the pipeline never runs dry. */
    private static final int LOW_WATER = 2 * TASKS_PER_RUN;
    private static final Duration FEED_CHECK = Duration.ofSeconds(1);
    private static final SettingsOverrides SETTINGS = new SettingsOverrides(0, false, 0.7, null, 256, null, null);

    private final LocalStack stack;
    private final StackClient client;
    private final PrintStream out;
    private final String prefix = "soak-" + System.currentTimeMillis() + "-";
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private final AtomicLong submitted = new AtomicLong();
    private volatile RuntimeException feedFailure;

    SoakBench(LocalStack stack, StackClient client, PrintStream out) {
        this.stack = stack;
        this.client = client;
        this.out = out;
    }

    void run(long total, Duration interval) throws Exception {
        int samples = samplesPerItem();
        Thread feeder = Thread.ofPlatform().name("soak-feeder").daemon().start(() -> feed(total, samples));
        List<SoakSummary.Sample> series = new ArrayList<>();
        Map<String, Long> heapAtStart = null;
        Map<String, Long> heapAtEnd = null;
        long start = System.nanoTime();
        long previousGraded = 0;
        long previousNanos = start;
        while (true) {
            Thread.sleep(interval);
            if (feedFailure != null) {
                throw feedFailure;
            }
            long[] totals = totals();
            long now = System.nanoTime();
            double rate = (totals[0] - previousGraded) / ((now - previousNanos) / 1e9);
            SoakSummary.Sample sample = new SoakSummary.Sample((now - start) / 1e9, totals[0], rate, rss());
            series.add(sample);
            print(sample, totals[1]);
            if (heapAtStart == null && totals[0] > SoakSummary.WARM_UP_SHARE * total) {
                heapAtStart = liveHeaps("steady_start", totals[0]);
            } else if (heapAtStart != null && heapAtEnd == null && totals[0] > SoakSummary.HEAP_END_SHARE * total) {
                heapAtEnd = liveHeaps("late_steady", totals[0]);
            }
            previousGraded = totals[0];
            previousNanos = now;
            if (!feeder.isAlive() && totals[0] == totals[1]) {
                if (heapAtEnd == null) {
                    throw new IllegalStateException("the soak ended before its steady window did; soak longer");
                }
                summarize(series, totals[0], (now - start) / 1e9, SoakSummary.heap(heapAtStart, heapAtEnd));
                return;
            }
        }
    }

    /** Submits runs while fewer than {@link #LOW_WATER} tasks wait, until {@code total} are submitted. */
    private void feed(long total, int samples) {
        try {
            while (submitted.get() < total) {
                if (submitted.get() - totals()[0] < LOW_WATER) {
                    submitNext(samples);
                } else {
                    Thread.sleep(FEED_CHECK);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            feedFailure = e;
        }
    }

    /** Samples per item so that one run of the simulated models on the throughput benchmarks is about {@link #TASKS_PER_RUN}. */
    private int samplesPerItem() {
        long items = 0;
        for (BenchmarkInfo benchmark : client.benchmarks()) {
            if (RunSpecs.THROUGHPUT_BENCHMARKS.contains(benchmark.id())) {
                items += benchmark.data().items();
            }
        }
        long perSample = items * RunSpecs.SIMULATED_MODELS.size();
        return (int) Math.max(1, Math.min(200, Math.ceil((double) TASKS_PER_RUN / perSample)));
    }

    private void submitNext(int samples) {
        String runId = prefix + (runs.size() + 1);
        HttpResponse<String> accepted = client.submit(RunSpecs.json(runId, RunSpecs.SIMULATED_MODELS,
                RunSpecs.THROUGHPUT_BENCHMARKS, null, SETTINGS, samples));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("soak run refused (" + accepted.statusCode() + "): " + accepted.body());
        }
        runs.add(runId);
        try {
            submitted.addAndGet(Json.mapper().readValue(accepted.body(), RunAccepted.class).tasks());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Graded and expected over the soak's runs, from the aggregator's run list. */
    private long[] totals() {
        long graded = 0;
        long expected = 0;
        for (RunSummary run : client.runs()) {
            if (run.runId().startsWith(prefix)) {
                graded += run.totals().grading().graded();
                expected += run.totals().grading().expected();
            }
        }
        return new long[] {graded, Math.max(expected, submitted.get())};
    }

    /** Every process of the stack by name: the broker, then the services. */
    private Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("kafka-broker", stack.kafka().pid());
        stack.services().forEach(service -> pids.put(service.name(), service.pid()));
        return pids;
    }

    private Map<String, Long> rss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        processes().forEach((name, pid) -> rss.put(name, residentBytes(pid)));
        return rss;
    }

    /** Each process's live heap after a full collection, printed as a {@code soak_heap} line. */
    private Map<String, Long> liveHeaps(String at, long graded) throws IOException {
        Map<String, Long> heaps = new LinkedHashMap<>();
        processes().forEach((name, pid) -> heaps.put(name, LiveHeap.afterFullCollection(pid)));
        ObjectNode line = Json.mapper().createObjectNode().put("benchmark", "soak_heap").put("at", at)
                .put("graded", graded);
        megabytes(line.putObject("live_heap_mb"), heaps);
        out.println(Json.mapper().writeValueAsString(line));
        return heaps;
    }

    private static void megabytes(ObjectNode node, Map<String, Long> bytes) {
        bytes.forEach((process, value) -> node.put(process, Math.round(value / 1048576.0)));
    }

    /** VmRSS from /proc: what the process holds in memory now, heap, metaspace, native and RocksDB alike. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS line in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of process " + pid, e);
        }
    }

    private void print(SoakSummary.Sample sample, long expected) throws IOException {
        ObjectNode line = Json.mapper().createObjectNode().put("benchmark", "soak_sample")
                .put("elapsed_s", Math.round(sample.elapsedSeconds()))
                .put("graded", sample.graded())
                .put("submitted", expected)
                .put("tasks_per_s", Math.round(sample.rate()));
        megabytes(line.putObject("rss_mb"), sample.rssBytes());
        out.println(Json.mapper().writeValueAsString(line));
    }

    private void summarize(List<SoakSummary.Sample> series, long graded, double seconds, SoakSummary.HeapVerdict heap)
            throws IOException {
        SoakSummary.Verdict verdict = SoakSummary.of(series, graded);
        ObjectNode line = Json.mapper().createObjectNode().put("benchmark", "soak")
                .put("tasks", graded)
                .put("runs", runs.size())
                .put("seconds", Math.round(seconds))
                .put("tasks_per_s", Math.round(graded / seconds))
                .put("steady_samples", verdict.steadySamples())
                .put("steady_mean_tasks_per_s", Math.round(verdict.meanRate()))
                .put("steady_min_tasks_per_s", Math.round(verdict.minRate()))
                .put("steady_max_tasks_per_s", Math.round(verdict.maxRate()))
                .put("throughput_cv", Math.round(verdict.rateCv() * 1000) / 1000.0)
                .put("throughput_steady", verdict.throughputSteady())
                .put("rss_flat", verdict.rssFlat())
                .put("heap_flat", heap.flat())
                .put("all_tasks_graded", graded == submitted.get());
        ObjectNode growth = line.putObject("rss_growth_pct");
        verdict.rssGrowth().forEach((process, value) -> growth.put(process, Math.round(value * 1000) / 10.0));
        megabytes(line.putObject("rss_growth_mb"), verdict.rssGrowthBytes());
        megabytes(line.putObject("live_heap_growth_mb"), heap.growthBytes());
        out.println(Json.mapper().writeValueAsString(line));
    }
}
