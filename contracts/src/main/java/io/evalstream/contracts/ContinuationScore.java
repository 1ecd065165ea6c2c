package io.evalstream.contracts;

/**
 * A backend's log-probability of one continuation: a choice given the prompt, or a whole text.
 *
 * @param logprob sum of the natural-log probabilities of the continuation's tokens (nats, at most 0)
 * @param tokens  how many tokens that sum covers
 * @param greedy  true when every token of the continuation is the model's most likely one at its position (greedy
 *                generation would produce it); null when the backend cannot tell
 */
public record ContinuationScore(double logprob, int tokens, Boolean greedy) {

    public ContinuationScore {
        if (!(logprob <= 0.0) || Double.isInfinite(logprob)) {
            throw new InvalidRecordException("field 'scores[].logprob' must be a finite log-probability <= 0, got "
                    + logprob);
        }
        Require.atLeast(tokens, 1, "scores[].tokens");
    }
}
