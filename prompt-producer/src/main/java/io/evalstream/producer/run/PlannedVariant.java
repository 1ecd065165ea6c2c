package io.evalstream.producer.run;

import io.evalstream.benchmarks.Prompter;

/**
 * One prompt variant of a planned benchmark.
 *
 * @param name         the variant name, the {@code variant} of every task id it renders
 * @param prompter     renders items with the benchmark's effective settings for this run
 * @param settingsHash the hash every task of this variant carries
 */
public record PlannedVariant(String name, Prompter prompter, String settingsHash) {
}
