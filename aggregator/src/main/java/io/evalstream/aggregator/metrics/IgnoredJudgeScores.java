package io.evalstream.aggregator.metrics;

import io.evalstream.aggregator.cluster.Slice;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.Tally;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.contracts.ScoreKey;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Judge scores left out because their cell already counts the most rubric dimensions it may
 * ({@link GradedSample#MAX_DIMENSIONS}), read from the stores rather than counted by the tally's adder, which runs
 * again when a transaction aborts. Only a full cell can leave scores out, and a cell is rarely full (a judge naming
 * its dimensions inconsistently), so the latest grades are read only for the full cells this instance runs, and again
 * only when their tally changed. Being a count over the latest grades, it drops when a regrade replaces them.
 */
@ApplicationScoped
public class IgnoredJudgeScores {

    private static final Logger LOG = Logger.getLogger(IgnoredJudgeScores.class);

    private record Counted(Tally tally, long scores) {
    }

    private final Map<ScoreKey, Counted> fullCells = new HashMap<>();

    @Inject
    IgnoredJudgeScores(MeterRegistry registry) {
        FunctionCounter.builder("evalstream_judge_dimensions_ignored", this, IgnoredJudgeScores::total)
                .description("Judge scores left out because their cell already counts the most rubric dimensions it may")
                .register(registry);
    }

    /** The judge scores of {@code cell}'s latest grades that {@code tally} leaves out. */
    public static long ignored(ScoreKey cell, Tally tally, Iterable<TaskSample> samples) {
        long scores = 0;
        for (TaskSample sample : samples) {
            if (sample.sample().cell().equals(cell)) {
                scores += tally.ignoredDimensions(sample.sample()).size();
            }
        }
        return scores;
    }

    /** Counts again over the full cells whose partitions this instance runs now. */
    synchronized void observe(ScoreStores stores) {
        Slice<Tally> mine = stores.local().tallies(null);
        Map<ScoreKey, Tally> full = new HashMap<>();
        mine.entries().forEach((key, tally) -> {
            if (tally.dimensions().size() >= GradedSample.MAX_DIMENSIONS) {
                full.put(ScoreKey.parse(key), tally);
            }
        });
        fullCells.keySet().retainAll(full.keySet());
        full.forEach((cell, tally) -> {
            Counted before = fullCells.get(cell);
            if (before == null || !before.tally().equals(tally)) {
                long scores = stores.latestSamples(cell.runId(), samples -> ignored(cell, tally, samples));
                if (scores > 0 && (before == null || before.scores() == 0)) {
                    LOG.warnf("Cell %s already counts %d rubric dimensions; %d judge scores of other dimensions are"
                            + " left out (evalstream_judge_dimensions_ignored_total). Is the judge naming its"
                            + " dimensions consistently?", cell, GradedSample.MAX_DIMENSIONS, scores);
                }
                fullCells.put(cell, new Counted(tally, scores));
            }
        });
    }

    private synchronized double total() {
        return fullCells.values().stream().mapToLong(Counted::scores).sum();
    }
}
