package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Records that contradict their run's manifest are named with what is wrong; records that fit it pass. */
@Timeout(10)
class RunCheckTest {

    private static final Settings SETTINGS = Settings.defaults();
    private static final RunCheck RUN = RunCheck.of(new RunManifest(SchemaVersion.CURRENT,
            new RunSpec("run-1", List.of("model-a", "model-b"), List.of(new BenchmarkSelection("gsm8k", 10),
                    new BenchmarkSelection("mmlu", 10)), null, 2),
            List.of(new ExpectedCount("model-a", "gsm8k", Category.MATH, 20)),
            List.of(new BenchmarkSettings("gsm8k", "default", SETTINGS, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "h-gsm"),
                    new BenchmarkSettings("gsm8k", "cot", SETTINGS, Extraction.NUMERIC, Metric.NUMERIC_EQUAL, "h-cot"),
                    new BenchmarkSettings("mmlu", "default", SETTINGS, Extraction.MULTIPLE_CHOICE,
                            Metric.EXACT_MATCH, "h-mmlu")),
            Instant.parse("2026-01-01T00:00:00Z")));

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(textBlock = """
            run-1/model-a/gsm8k/q1/default/0, EVAL,  h-gsm,  ''
            run-1/model-b/gsm8k/q1/cot/1,     EVAL,  h-cot,  ''
            run-1/model-a/mmlu/q9/default/1,  EVAL,  h-mmlu, ''
            run-1/model-z/gsm8k/q1/default/0, EVAL,  h-gsm,  model 'model-z' is not in the run's manifest
            run-1/model-a/drop/q1/default/0,  EVAL,  h-gsm,  benchmark 'drop' is not in the run's manifest
            run-1/model-a/gsm8k/q1/default/2, EVAL,  h-gsm,  sample 2 is beyond the run's 2 samples per item
            run-1/model-a/gsm8k/q1/terse/0,   EVAL,  h-gsm,  variant 'terse' of benchmark 'gsm8k' is not in the run's manifest
            run-1/model-a/gsm8k/q1/default/0, EVAL,  h-cot,  settingsHash 'h-cot' is not the run's 'h-gsm' for gsm8k/default
            run-1/model-a/gsm8k/q1/default/0, EVAL,  other,  the record conflicts with its run
            run-1/judge-x/gsm8k/q1/judge-0123/0, JUDGE, h-cot, ''
            run-1/judge-x/gsm8k/q1/judge-0123/0, JUDGE, h-mmlu, is none of the run's settings hashes for benchmark 'gsm8k'
            run-1/judge-x/drop/q1/judge-0123/0,  JUDGE, h-gsm, benchmark 'drop' is not in the run's manifest
            """)
    void aRecordIsCheckedAgainstItsRunsManifest(String taskId, Purpose purpose, String hash, String reason) {
        var conflict = RUN.conflict(TaskId.parse(taskId), purpose, hash);
        if (reason.isEmpty()) {
            assertThat(conflict).isEmpty();
        } else {
            assertThat(conflict).hasValueSatisfying(text -> assertThat(text).startsWith("run 'run-1': ").contains(reason));
        }
    }

    @Test
    void aManifestThatRecordsNoSettingsChecksModelsBenchmarksAndSamplesOnly() {
        RunCheck old = RunCheck.of(new RunManifest(SchemaVersion.CURRENT, new RunSpec("run-2", List.of("m"),
                List.of(new BenchmarkSelection("gsm8k", 1)), null, 1),
                List.of(new ExpectedCount("m", "gsm8k", Category.MATH, 1)), List.of(), Instant.EPOCH));
        assertThat(old.conflict(TaskId.parse("run-2/m/gsm8k/q/any/0"), Purpose.EVAL, "anything")).isEmpty();
        assertThat(old.conflict(TaskId.parse("run-2/m/gsm8k/q/any/1"), Purpose.EVAL, "anything")).isPresent();
    }
}
