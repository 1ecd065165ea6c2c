package io.evalstream.stack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a soak run's samples say: whether throughput held steady and each process's resident memory stayed flat
 * once warmed up. Pure, so the verdicts are proven by tables of samples.
 *
 * <p>The steady window leaves out the warm-up (until {@link #WARM_UP_SHARE} of the tasks are graded: JIT, heaps
 * growing to their working size, first publishes; counted in tasks, not time, because a cold stack on a busy
 * machine ramps up slowly) and the tail (after {@link #TAIL_SHARE} of the tasks were graded, when the backlog
 * drains and the rate falls by design).
 */
public final class SoakSummary {

    static final double WARM_UP_SHARE = 0.2;
    static final double TAIL_SHARE = 0.95;
    /**
     * The live heap is measured when this share of the tasks is graded, late in the steady window but while tasks
     * still flow, so that it sees the same work in flight as the measurement at its start.
     */
    static final double HEAP_END_SHARE = 0.85;
    /** Resident memory may grow this much (relative) over the steady window and still count as flat. */
    static final double FLAT_RSS_GROWTH = 0.10;
    /**
     * The live heap (after a full collection) may grow this much between its two measurements and still count as
     * flat: what the services keep per run (manifests, gauges, run checks) grows with the runs, a few dozen in a soak,
     * never with the tasks. Over the 650,000 tasks between the measurements of a million-task soak it would hide a
     * leak of 26 bytes a task.
     */
    static final long FLAT_HEAP_GROWTH_BYTES = 16L << 20;
    /** Throughput counts as steady when its coefficient of variation over the steady window is below this. */
    static final double STEADY_CV = 0.25;
    private static final int EDGE = 3;

    /**
     * One sample of the soak.
     *
     * @param graded   tasks graded since the soak began
     * @param rate     tasks graded per second since the previous sample
     * @param rssBytes resident memory per process
     */
    public record Sample(double elapsedSeconds, long graded, double rate, Map<String, Long> rssBytes) {
    }

    /**
     * @param rssGrowth      per process: (mean RSS of the last samples of the steady window - mean of the first) / first
     * @param rssGrowthBytes per process: the same difference in bytes, not relative to a heap-sized RSS
     */
    public record Verdict(int steadySamples, double meanRate, double rateCv, double minRate, double maxRate,
            Map<String, Double> rssGrowth, Map<String, Long> rssGrowthBytes, boolean throughputSteady,
            boolean rssFlat) {
    }

    /**
     * @param growthBytes per process: live heap at {@link #HEAP_END_SHARE} of the tasks minus at the window's start
     */
    public record HeapVerdict(Map<String, Long> growthBytes, boolean flat) {
    }

    private SoakSummary() {
    }

    /**
     * Whether each process's live heap, measured at the start of the steady window and at {@link #HEAP_END_SHARE},
     * stayed flat.
     */
    public static HeapVerdict heap(Map<String, Long> atStart, Map<String, Long> atEnd) {
        if (!atStart.keySet().equals(atEnd.keySet())) {
            throw new IllegalArgumentException("live heaps were measured for " + atStart.keySet() + " at the start"
                    + " but " + atEnd.keySet() + " at the end");
        }
        Map<String, Long> growth = new LinkedHashMap<>();
        atStart.forEach((process, start) -> growth.put(process, atEnd.get(process) - start));
        return new HeapVerdict(growth, growth.values().stream().allMatch(bytes -> bytes < FLAT_HEAP_GROWTH_BYTES));
    }

    /** @param total the tasks the soak was to grade */
    public static Verdict of(List<Sample> samples, long total) {
        List<Sample> steady = steadyWindow(samples, total);
        if (steady.size() < 2 * EDGE) {
            throw new IllegalArgumentException("a soak needs at least " + 2 * EDGE + " samples in its steady window,"
                    + " got " + steady.size() + " of " + samples.size() + "; sample more often or soak longer");
        }
        double[] rates = steady.stream().mapToDouble(Sample::rate).toArray();
        double mean = Arrays.stream(rates).average().orElseThrow();
        double variance = Arrays.stream(rates).map(rate -> (rate - mean) * (rate - mean)).sum()
                / (rates.length - 1);
        double cv = mean == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(variance) / mean;
        Map<String, Double> growth = new LinkedHashMap<>();
        Map<String, Long> growthBytes = new LinkedHashMap<>();
        for (String process : steady.getFirst().rssBytes().keySet()) {
            double first = meanRss(steady.subList(0, EDGE), process);
            double last = meanRss(steady.subList(steady.size() - EDGE, steady.size()), process);
            growth.put(process, (last - first) / first);
            growthBytes.put(process, Math.round(last - first));
        }
        boolean flat = growth.values().stream().allMatch(value -> value < FLAT_RSS_GROWTH);
        return new Verdict(steady.size(), mean, cv, Arrays.stream(rates).min().orElseThrow(),
                Arrays.stream(rates).max().orElseThrow(), growth, growthBytes, cv < STEADY_CV, flat);
    }

    static List<Sample> steadyWindow(List<Sample> samples, long total) {
        return samples.stream()
                .filter(sample -> sample.graded() > WARM_UP_SHARE * total && sample.graded() <= TAIL_SHARE * total)
                .toList();
    }

    private static double meanRss(List<Sample> samples, String process) {
        return samples.stream().mapToLong(sample -> sample.rssBytes().get(process)).average().orElseThrow();
    }
}
