package io.evalstream.contracts;

/**
 * The prompt-producer's answer to {@code POST /completions} (here so that evalctl reads what the producer writes),
 * sent once the broker has every completion.
 *
 * @param runId       the run the completions were published as
 * @param completions completions published
 */
public record CompletionsImported(String runId, long completions) {
}
