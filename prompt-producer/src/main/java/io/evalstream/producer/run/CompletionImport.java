package io.evalstream.producer.run;

import io.evalstream.benchmarks.Item;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.RunManifest;
import io.evalstream.contracts.SchemaVersion;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completions made elsewhere, ready to be graded like a live run's: every line tied to an item of a benchmark its
 * run spec names, as the task a worker would have answered (reference, aliases, scorers and settings hash from the
 * definition; prompt and answer from the line), and the run's manifest expecting exactly those tasks.
 */
public record CompletionImport(RunManifest manifest, List<Completion> completions) {

    /** What every imported completion names as its backend. */
    public static final String BACKEND = "imported";
    /** At most this many refused lines are listed in the message. */
    private static final int MAX_SHOWN = 20;

    public CompletionImport {
        completions = List.copyOf(completions);
    }

    /**
     * @param plan the run planned from the spec (its benchmarks, limits and variants), whose tasks are not published
     * @throws RunRejectedException listing, with their line numbers, the lines naming a model, benchmark, variant or
     *                              item the run does not have, or repeating an earlier line's task
     */
    public static CompletionImport of(RunPlan plan, List<CompletionLine> lines) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, ExpectedCount> expected = new LinkedHashMap<>();
        List<Completion> completions = new ArrayList<>();
        for (CompletionLine line : lines) {
            Optional<String> problem = problem(plan, line);
            if (problem.isPresent()) {
                problems.add("line " + line.line() + ": " + problem.get());
                continue;
            }
            PlannedBenchmark planned = benchmark(plan, line.benchmark()).orElseThrow();
            PlannedVariant variant = variant(planned, line.variant()).orElseThrow();
            TaskId id = new TaskId(plan.runId(), line.model(), planned.benchmark().id(), line.itemId(), variant.name(),
                    0);
            Integer earlier = seen.putIfAbsent(id.toString(), line.line());
            if (earlier != null) {
                problems.add("line " + line.line() + ": repeats line " + earlier + " (task " + id + ")");
                continue;
            }
            Item item = item(planned, line.itemId()).orElseThrow();
            completions.add(Completion.of(TaskSequence.task(id, planned, variant, item, line.prompt()),
                    Answer.ok(line.completion()), ModelCall.now(BACKEND, false, 0, 1, TokenUsage.NONE)));
            expected.merge(line.model() + TaskId.SEPARATOR + planned.benchmark().id(), new ExpectedCount(line.model(),
                    planned.benchmark().id(), planned.benchmark().category(), 1), (a, b) -> new ExpectedCount(
                    a.modelId(), a.benchmarkId(), a.category(), a.tasks() + 1));
        }
        if (!problems.isEmpty()) {
            throw new RunRejectedException(problems.size() + " line(s) name what run '" + plan.runId()
                    + "' does not have; nothing was pushed: " + String.join("; ", problems.subList(0,
                    Math.min(MAX_SHOWN, problems.size()))) + (problems.size() > MAX_SHOWN ? "; ..." : ""));
        }
        RunManifest planned = plan.manifest();
        return new CompletionImport(new RunManifest(SchemaVersion.CURRENT, planned.spec(),
                List.copyOf(expected.values()), planned.benchmarkSettings(), planned.submittedAt(),
                planned.clusters()), completions);
    }

    private static Optional<String> problem(RunPlan plan, CompletionLine line) {
        if (line.completion() == null || line.prompt() == null || line.prompt().isBlank()) {
            return Optional.of("needs a prompt and a completion");
        }
        if (!plan.manifest().spec().models().contains(line.model())) {
            return Optional.of("model '" + line.model() + "' is not in the run spec (it names "
                    + String.join(", ", plan.manifest().spec().models()) + ")");
        }
        Optional<PlannedBenchmark> planned = benchmark(plan, line.benchmark());
        if (planned.isEmpty()) {
            return Optional.of("benchmark '" + line.benchmark() + "' is not in the run spec");
        }
        if (variant(planned.get(), line.variant()).isEmpty()) {
            return Optional.of("variant '" + line.variant() + "' is not one the run asks of " + line.benchmark());
        }
        return item(planned.get(), line.itemId()).isPresent() ? Optional.empty() : Optional.of("benchmark '"
                + line.benchmark() + "' has no item '" + line.itemId() + "' (within the run's limit)");
    }

    private static Optional<PlannedBenchmark> benchmark(RunPlan plan, String id) {
        return plan.benchmarks().stream().filter(planned -> planned.benchmark().id().equals(id)).findFirst();
    }

    private static Optional<PlannedVariant> variant(PlannedBenchmark planned, String name) {
        return name == null ? Optional.of(planned.variants().getFirst())
                : planned.variants().stream().filter(variant -> variant.name().equals(name)).findFirst();
    }

    private static Optional<Item> item(PlannedBenchmark planned, String id) {
        return planned.benchmark().items().subList(0, planned.items()).stream()
                .filter(item -> item.id().equals(id)).findFirst();
    }
}
