package io.evalstream.producer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.evalstream.benchmarks.Catalog;
import io.evalstream.benchmarks.CatalogConfig;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ExpectedCount;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.ScorerVerdict;
import io.evalstream.contracts.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 19: completions made elsewhere become the tasks a worker would have answered, graded by the same graders. */
@Timeout(30)
class CompletionImportTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Catalog CATALOG = CatalogLoader.load(CatalogConfig.BUILT_IN);
    private static final RunPlan PLAN = new RunPlanner(CATALOG).plan(new RunSpec("byo-1", List.of("their-model"),
            List.of(new BenchmarkSelection("gsm8k", 5)), null, 1), NOW);

    @Test
    void linesBecomeTheRunsTasksWithTheBenchmarksReferenceAndScorersAndAreGradedByEach() {
        String reference = CATALOG.find("gsm8k").orElseThrow().items().get(1).reference();
        CompletionImport imported = CompletionImport.of(PLAN, List.of(
                line(1, "0", "I think it is 3. The answer is 3."),
                line(2, "1", "Working it out gives " + reference)));

        assertThat(imported.manifest().expected()).containsExactly(new ExpectedCount("their-model", "gsm8k",
                CATALOG.find("gsm8k").orElseThrow().category(), 2));
        Completion second = imported.completions().get(1);
        assertThat(second.taskId().toString()).isEqualTo("byo-1/their-model/gsm8k/1/default/0");
        assertThat(second.task().reference()).isEqualTo(reference);
        assertThat(second.task().prompt()).isEqualTo("Question: 1?");
        assertThat(second.backend()).isEqualTo(CompletionImport.BACKEND);
        assertThat(second.task().settingsHash()).isEqualTo(PLAN.settingsHashes().get("gsm8k").get("default"));

        Grade grade = Grader.grade(second, NOW);
        assertThat(grade.scorerVerdicts()).extracting(ScorerVerdict::scorer, ScorerVerdict::verdict)
                .containsExactly(tuple("flexible", Verdict.CORRECT), tuple("strict", Verdict.NO_ANSWER));
    }

    @Test
    void linesNamingWhatTheRunDoesNotHaveAreRefusedWithTheirLineNumbersAndNothingIsImported() {
        assertThatThrownBy(() -> CompletionImport.of(PLAN, List.of(
                line(1, "0", "The answer is 3."),
                line(2, "no-such-item", "The answer is 3."),
                line(3, "4", "The answer is 3."),
                new CompletionLine(4, "their-model", "mmlu", "0", null, "Q?", "A"),
                new CompletionLine(5, "other-model", "gsm8k", "1", null, "Q?", "A"),
                line(6, "0", "again"),
                line(7, "5", "beyond the run's limit of 5"))))
                .isInstanceOf(RunRejectedException.class)
                .hasMessage("5 line(s) name what run 'byo-1' does not have; nothing was pushed:"
                        + " line 2: benchmark 'gsm8k' has no item 'no-such-item' (within the run's limit);"
                        + " line 4: benchmark 'mmlu' is not in the run spec;"
                        + " line 5: model 'other-model' is not in the run spec (it names their-model);"
                        + " line 6: repeats line 1 (task byo-1/their-model/gsm8k/0/default/0);"
                        + " line 7: benchmark 'gsm8k' has no item '5' (within the run's limit)");
    }

    private static CompletionLine line(int number, String item, String completion) {
        return new CompletionLine(number, "their-model", "gsm8k", item, null, "Question: " + item + "?", completion);
    }
}
