package io.evalstream.benchmarks.grading;

import io.evalstream.contracts.CallFacts;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.Evidence;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.GradeContext;
import io.evalstream.contracts.LikelihoodScore;
import io.evalstream.contracts.Marking;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskKind;
import io.evalstream.contracts.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Grades of tasks scored by likelihood, from the log-probabilities on the completion; pure functions. Multiple choice
 * follows lm-evaluation-harness's {@code multiple_choice} metrics: {@code acc} is right when the reference has the
 * highest summed log-probability, {@code acc_norm} when it has the highest log-probability per unit of length
 * (lm-evaluation-harness divides by the choice's characters without the target delimiter; here its UTF-8 bytes
 * without the leading delimiter whitespace, the same for ASCII text). Ties go to the first choice, as numpy's
 * argmax. A perplexity task is MEASURED: its score is the per-byte probability {@code 2^-bitsPerByte}, and its
 * nats, bytes and tokens go on the grade for the corpus sums.
 */
public final class LikelihoodGrades {

    private LikelihoodGrades() {
    }

    /** The grader name of a likelihood metric, by its registered name (any case). */
    public static String name(String metric) {
        return ScorerRegistry.graderName(Extraction.LIKELIHOOD.name(), metric);
    }

    static List<String> names() {
        return List.of(name(Metric.LIKELIHOOD_ACC.name()), name(Metric.BITS_PER_BYTE.name()));
    }

    /** The grade of an OK completion of a task scored by likelihood. */
    public static Grade grade(Completion completion, Instant gradedAt) {
        PromptTask task = completion.task();
        List<ContinuationScore> scores = completion.scores();
        if (task.kind() == TaskKind.PERPLEXITY) {
            ContinuationScore text = scores.getFirst();
            LikelihoodScore measured = new LikelihoodScore(null, text.logprob(), bytes(task.prompt()), text.tokens());
            return grade(completion, Verdict.MEASURED, Math.pow(2, -measured.bitsPerByte()), null, measured,
                    gradedAt);
        }
        List<String> choices = task.choicesOrEmpty();
        int reference = task.referenceChoice();
        int chosen = argmax(scores, choices, false);
        int chosenNorm = argmax(scores, choices, true);
        ContinuationScore right = scores.get(reference);
        LikelihoodScore likelihood = new LikelihoodScore(chosenNorm == reference, right.logprob(),
                bytes(choices.get(reference)), right.tokens());
        boolean correct = chosen == reference;
        return grade(completion, correct ? Verdict.CORRECT : Verdict.INCORRECT, correct ? 1.0 : 0.0,
                Integer.toString(chosen), likelihood, gradedAt);
    }

    /** The first choice with the highest log-probability, or with the highest per byte of the choice. */
    static int argmax(List<ContinuationScore> scores, List<String> choices, boolean perByte) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.size(); i++) {
            double value = perByte ? scores.get(i).logprob() / lengthForNorm(choices.get(i))
                    : scores.get(i).logprob();
            if (value > bestValue) {
                best = i;
                bestValue = value;
            }
        }
        return best;
    }

    /** The choice's bytes without the delimiter whitespace before it; at least 1. */
    static long lengthForNorm(String choice) {
        return Math.max(1, bytes(choice.stripLeading()));
    }

    static long bytes(String text) {
        return Math.max(1, text.getBytes(StandardCharsets.UTF_8).length);
    }

    private static Grade grade(Completion completion, Verdict verdict, double score, String extracted,
            LikelihoodScore likelihood, Instant gradedAt) {
        PromptTask task = completion.task();
        return Grade.of(task.taskId(), new Marking(verdict, score, extracted, task.reference()),
                GradeContext.of(task, name(task.metric()), gradedAt), CallFacts.of(completion),
                Evidence.measured(likelihood)).recording(completion);
    }
}
