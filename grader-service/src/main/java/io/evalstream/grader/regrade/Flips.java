package io.evalstream.grader.regrade;

import io.evalstream.contracts.RegradeReport;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.ScoreKey;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.RegradeReport.ScorerChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What changed between the previous grades of tasks and their new ones, per (model, benchmark, scorer); pure. */
final class Flips {

    private Flips() {
    }

    /**
     * A scorer's previous verdict is the one of the same name; the headline's, when the previous grade's headline had
     * another name (the single {@code default} scorer a benchmark had before it listed several).
     *
     * @param previous the latest earlier grade per task id; a task missing here counts as added for every scorer
     */
    static List<ScorerChange> between(Map<String, Grade> previous, List<Grade> regraded) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (Grade grade : sorted(regraded)) {
            Grade before = previous.get(grade.taskId().toString());
            List<ScorerVerdict> now = grade.scorerVerdicts();
            for (int i = 0; i < now.size(); i++) {
                ScorerVerdict verdict = now.get(i);
                ScoreKey cell = grade.taskId().scoreKey();
                Counts scorer = counts.computeIfAbsent(cell.modelId() + "\u0000" + cell.benchmarkId() + "\u0000"
                        + verdict.scorer(), key -> new Counts(cell, verdict.scorer()));
                scorer.count(grade.taskId().toString(), verdict.verdict(), before == null ? null : previous(before,
                        verdict.scorer(), i == 0));
            }
        }
        return counts.values().stream().map(Counts::change).toList();
    }

    private static Verdict previous(Grade before, String scorer, boolean headline) {
        List<ScorerVerdict> verdicts = before.scorerVerdicts();
        return verdicts.stream().filter(each -> each.scorer().equals(scorer)).map(ScorerVerdict::verdict).findFirst()
                .orElse(headline ? before.verdict() : null);
    }

    private static List<Grade> sorted(List<Grade> grades) {
        List<Grade> sorted = new ArrayList<>(grades);
        sorted.sort(Comparator.comparing(grade -> grade.taskId().toString()));
        return sorted;
    }

    private static final class Counts {
        private final ScoreKey cell;
        private final String scorer;
        private long graded;
        private long flips;
        private long added;
        private final List<String> samples = new ArrayList<>();

        Counts(ScoreKey cell, String scorer) {
            this.cell = cell;
            this.scorer = scorer;
        }

        void count(String taskId, Verdict now, Verdict before) {
            graded++;
            if (before == null) {
                added++;
            } else if (before != now) {
                flips++;
                if (samples.size() < RegradeReport.SAMPLES) {
                    samples.add(taskId + ": " + before + " -> " + now);
                }
            }
        }

        ScorerChange change() {
            return new ScorerChange(cell.modelId(), cell.benchmarkId(), scorer, graded, flips, added,
                    List.copyOf(samples));
        }
    }
}
