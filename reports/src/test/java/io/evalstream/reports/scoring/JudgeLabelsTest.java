package io.evalstream.reports.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The full report's judge label counts (the TinyStories age groups) per cell. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JudgeLabelsTest {

    private static TaskSample judged(String model, int item, int sample, String ageGroup) {
        TaskId task = new TaskId("run-l", model, "stories", "s%02d".formatted(item), "default", sample);
        return new TaskSample(task, GradedSample.of(task.scoreKey(), Verdict.JUDGED, 0.5,
                new CellLabels(Category.WRITING, "h")).withDetail(SampleDetail.judged(Map.of("grammar", 5.5),
                ageGroup == null ? null : Map.of("age_group", ageGroup))));
    }

    private static List<TaskSample> stories(String model, String ageGroups) {
        List<TaskSample> samples = new ArrayList<>();
        String[] groups = ageGroups.split(" ");
        for (int i = 0; i < groups.length; i++) {
            samples.add(judged(model, i + 1, 0, groups[i].equals("none") ? null : groups[i].replace('_', ' ')));
        }
        return samples;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            # age group per story (none: the judge gave none), counts as value=n
            B:_4-5,                                 B: 4-5=1
            B:_4-5 B:_4-5 C:_6-7 A:_3_or_under,     A: 3 or under=1;B: 4-5=2;C: 6-7=1
            B:_4-5 none none,                       B: 4-5=1
            """)
    void countsEveryAgeGroupTheJudgeGave(String ageGroups, String expected) {
        List<LabelCounts> labels = RunBreakdown.of(stories("stories260K", ageGroups)).judgeLabels();

        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String entry : expected.split(";")) {
            counts.put(entry.split("=")[0], Long.valueOf(entry.split("=")[1]));
        }
        assertThat(labels).singleElement().satisfies(cell -> {
            assertThat(cell).extracting(LabelCounts::modelId, LabelCounts::benchmarkId, LabelCounts::label,
                    LabelCounts::labelled).containsExactly("stories260K", "stories", "age_group",
                    counts.values().stream().mapToLong(Long::longValue).sum());
            assertThat(cell.counts()).containsExactlyEntriesOf(counts);
        });
    }

    @Test
    void cellsAreKeptApartAndSortedByModel() {
        List<TaskSample> samples = new ArrayList<>(stories("tinystories-656k", "C:_6-7 C:_6-7"));
        samples.addAll(stories("babyllama-tok105", "A:_3_or_under"));

        List<LabelCounts> labels = RunBreakdown.of(samples).judgeLabels();

        assertThat(labels).extracting(LabelCounts::modelId).containsExactly("babyllama-tok105", "tinystories-656k");
        assertThat(labels.get(1).counts()).containsExactly(Map.entry("C: 6-7", 2L));
    }

    @Test
    void aJudgeWritingFreeTextCannotFloodTheReport() {
        List<TaskSample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            samples.add(judged("sim-weak", i, 0, "age " + i + " maybe"));
        }

        LabelCounts cell = RunBreakdown.of(samples).judgeLabels().getFirst();

        assertThat(cell.counts()).hasSize(LabelRollup.MAX_VALUES + 1)
                .containsEntry(LabelRollup.OTHER, 100L - LabelRollup.MAX_VALUES);
        assertThat(cell.labelled()).isEqualTo(100);
    }

    @Test
    void judgedSamplesTakeNoPartInPassAtKAndUnjudgedRunsHaveNoLabels() {
        List<TaskSample> samples = List.of(judged("sim-strong", 1, 0, "B: 4-5"), judged("sim-strong", 1, 1, "B: 4-5"));

        RunBreakdown breakdown = RunBreakdown.of(samples);

        assertThat(breakdown.passAtK()).isEmpty();
        assertThat(RunBreakdown.of(List.of()).judgeLabels()).isEmpty();
    }
}
