package io.evalstream.worker.sim;

import io.evalstream.contracts.ContinuationScore;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.TaskKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pseudo log-probabilities for tasks scored by likelihood, drawn from the task's own random stream so they are
 * the same in every run. A simulated model of accuracy a puts the reference choice first with probability a, and
 * spends {@code 0.6 + 2.4 (1 - a)} bits per byte (plus a little noise) on a text: stronger profiles get lower bits per
 * byte, so a scaling fit over simulated models has something to fit.
 */
final class SimLikelihoods {

    private static final double LN2 = Math.log(2);
    /** Bytes per simulated token. */
    private static final int BYTES_PER_TOKEN = 4;

    private SimLikelihoods() {
    }

    /** @param first whether the reference choice comes first (the outcome drawn at the profile's accuracy) */
    static List<ContinuationScore> scores(PromptTask task, boolean first, double accuracy, SplittableRandom random) {
        double bitsPerByte = 0.6 + 2.4 * (1 - accuracy);
        if (task.kind() == TaskKind.PERPLEXITY) {
            return List.of(score(task.prompt(), bitsPerByte * (0.9 + 0.2 * random.nextDouble())));
        }
        List<String> choices = task.choicesOrEmpty();
        int reference = task.referenceChoice();
        int winner = first ? reference : (reference + 1 + random.nextInt(choices.size() - 1)) % choices.size();
        List<ContinuationScore> scores = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            // The winner spends fewer bits per byte than any other choice: first per byte, and first in total unless
            // it is much longer (where acc and acc_norm part, as they do for real models).
            double bits = i == winner ? bitsPerByte * 0.5 : bitsPerByte * (1 + random.nextDouble());
            scores.add(score(choices.get(i), bits));
        }
        return scores;
    }

    private static ContinuationScore score(String text, double bitsPerByte) {
        int bytes = Math.max(1, text.getBytes(StandardCharsets.UTF_8).length);
        int tokens = Math.max(1, (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN);
        return new ContinuationScore(-bitsPerByte * LN2 * bytes, tokens, null);
    }
}
