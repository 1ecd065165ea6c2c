package io.evalstream.reports.analysis;

import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.TaskSample;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.StopDecision;
import io.evalstream.contracts.StopRule;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's stop rule applied to its latest grades: A's and B's first samples (sample 0, so every pair is a distinct
 * item and the pairs are independent) paired per item and variant, counted per benchmark, and looked at with
 * {@link SequentialComparison}. Judged samples are neither right nor wrong and samples stopped early were never
 * answered, so neither is paired; an error counts as wrong, as it does in accuracy.
 */
public final class EarlyStops {

    /** The test's name on decisions and in reports. */
    public static final String TEST = "anytime-valid paired sign test on discordant pairs (confidence sequences,"
            + " Howard, Ramdas, McAuliffe and Sekhon 2021)";

    private EarlyStops() {
    }

    /** A benchmark's paired answers so far. */
    public record Pairs(long aOnly, long bOnly, long pairs) {
    }

    /** The pairs of the rule's two models per benchmark, in benchmark order. */
    public static Map<String, Pairs> pair(Iterable<TaskSample> samples, StopRule rule) {
        Map<String, Map<PairKey, Boolean>> a = new HashMap<>();
        Map<String, Map<PairKey, Boolean>> b = new HashMap<>();
        for (TaskSample sample : samples) {
            String model = sample.task().modelId();
            Map<String, Map<PairKey, Boolean>> side = model.equals(rule.a()) ? a : model.equals(rule.b()) ? b : null;
            if (side != null && sample.task().sample() == 0 && answered(sample.sample())) {
                side.computeIfAbsent(sample.task().benchmarkId(), id -> new HashMap<>())
                        .put(PairKey.of(sample.task()), sample.sample().verdict() == Verdict.CORRECT);
            }
        }
        Map<String, Pairs> pairs = new TreeMap<>();
        a.forEach((benchmark, aRight) -> {
            Map<PairKey, Boolean> bRight = b.getOrDefault(benchmark, Map.of());
            long aOnly = 0;
            long bOnly = 0;
            long both = 0;
            for (Map.Entry<PairKey, Boolean> entry : aRight.entrySet()) {
                Boolean other = bRight.get(entry.getKey());
                if (other != null) {
                    both++;
                    aOnly += entry.getValue() && !other ? 1 : 0;
                    bOnly += other && !entry.getValue() ? 1 : 0;
                }
            }
            pairs.put(benchmark, new Pairs(aOnly, bOnly, both));
        });
        return pairs;
    }

    /** The decision to publish for one benchmark, when the look reaches an outcome the rule stops on. */
    public static Optional<StopDecision> decide(String runId, String benchmarkId, Pairs pairs, StopRule rule,
            Instant at) {
        SequentialComparison.Look look = SequentialComparison.look(pairs.aOnly(), pairs.bOnly(), pairs.pairs(),
                rule.alpha(), rule.margin());
        StopDecision.Outcome outcome = switch (look.decision()) {
            case CONTINUE -> null;
            case A_BETTER -> rule.when() == StopRule.When.FUTILE ? null : StopDecision.Outcome.A_BETTER;
            case B_BETTER -> rule.when() == StopRule.When.FUTILE ? null : StopDecision.Outcome.B_BETTER;
            case FUTILE -> rule.when() == StopRule.When.DECIDED ? null : StopDecision.Outcome.FUTILE;
        };
        return Optional.ofNullable(outcome).map(found -> new StopDecision(SchemaVersion.CURRENT, runId, benchmarkId,
                found, rule, TEST, pairs.pairs(), at));
    }

    private static boolean answered(GradedSample sample) {
        return sample.verdict() != Verdict.JUDGED && !sample.unscored();
    }
}
