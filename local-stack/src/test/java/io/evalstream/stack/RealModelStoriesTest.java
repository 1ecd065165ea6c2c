package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.BenchmarkSelection;
import io.evalstream.contracts.Category;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.DimensionScore;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.RunSpec;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.scoring.FullRunReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tiny real models of {@code ../shared/models} through the whole pipeline: they continue the story beginnings
 * in-process (llama.cpp in the workers), the same way every time, and every continuation is judged; a judge model
 * grades through judge tasks on the tasks topic; a prompt a model cannot tokenize is an error completion.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@Tag("integration")
class RealModelStoriesTest extends SharedStack {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void theRealModelsContinueEveryStoryIdenticallyTwiceAndEveryContinuationIsJudged() {
        List<String> models = REAL_MODELS.ids();
        assertThat(models).as("GGUF models in ../shared/models").hasSizeGreaterThanOrEqualTo(3);
        String first = "e2e-real-a-" + System.currentTimeMillis();
        String second = "e2e-real-b-" + System.currentTimeMillis();

        submit(new RunSpec(first, models, List.of(new BenchmarkSelection("stories", null)), null, 1));
        submit(new RunSpec(second, models, List.of(new BenchmarkSelection("stories", null)), null, 1));
        client.awaitComplete(first, RUN_TIMEOUT, report -> { });
        client.awaitComplete(second, RUN_TIMEOUT, report -> { });

        Map<String, String> firstAnswers = answers(first);
        Map<String, String> secondAnswers = answers(second);
        assertThat(firstAnswers).hasSize(models.size() * 24).isEqualTo(secondAnswers);
        assertThat(firstAnswers.values()).as("real text, not errors").allSatisfy(text ->
                assertThat(text).doesNotStartWith("ERROR"));

        Map<String, Grade> grades = grades(first);
        assertThat(grades).hasSize(models.size() * 24);
        assertThat(grades.values()).allSatisfy(grade -> {
            assertThat(grade.verdict()).as("%s: %s", grade.taskId(), grade.evidence().detail())
                    .isEqualTo(Verdict.JUDGED);
            assertThat(grade.call().simulated()).isFalse();
            assertThat(grade.evidence().judgement().judge()).isEqualTo(Judging.AUTO);
            assertThat(grade.evidence().judgement().scores()).containsOnlyKeys("grammar", "creativity", "consistency");
            assertThat(grade.evidence().judgement().labels()).containsKey("age_group");
        });

        FullRunReport report = client.fullReport(first).orElseThrow();
        assertThat(report.scores().stream().map(score -> score.cell().modelId()))
                .containsExactlyInAnyOrderElementsOf(models);
        for (BenchmarkScore score : report.scores()) {
            assertThat(score.counts().judged()).as(score.toString()).isEqualTo(24);
            assertThat(score.detail().judgeScores().stream().map(DimensionScore::dimension))
                    .containsExactly("consistency", "creativity", "grammar");
        }
    }

    @Test
    void aJudgeModelGradesTheStoriesThroughJudgeTasksOnTheTasksTopic() {
        String runId = "e2e-judge-" + System.currentTimeMillis();
        String model = REAL_MODELS.ids().getFirst();

        submit(new RunSpec(runId, List.of(model), List.of(new BenchmarkSelection("stories", 3, List.of(), null,
                "sim-strong")), null, 1));
        client.awaitComplete(runId, RUN_TIMEOUT, report -> { });

        assertThat(grades(runId).values()).hasSize(3).allSatisfy(grade -> {
            assertThat(grade.verdict()).as("%s: %s", grade.taskId(), grade.evidence().detail())
                    .isEqualTo(Verdict.JUDGED);
            assertThat(grade.taskId().modelId()).isEqualTo(model);
            assertThat(grade.evidence().judgement().judge()).isEqualTo("sim-strong");
        });
        long judgeTasks = TopicReader.readAll(stack.bootstrapServers(), Topics.TASKS).stream()
                .filter(record -> record.key() != null && record.key().startsWith(runId + "/sim-strong/stories/"))
                .map(record -> WireFormat.of(PromptTask.class).decode(record.value()))
                .filter(decoded -> decoded instanceof Decoded.Valid<PromptTask> task
                        && task.value().purpose() == Purpose.JUDGE && task.value().subject() != null)
                .count();
        assertThat(judgeTasks).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aPromptTheModelCannotTokenizeEndsAsAnErrorCompletionAndTheWorkerServesOn() throws Exception {
        String runId = "e2e-untokenizable-" + System.currentTimeMillis();
        String model = REAL_MODELS.ids().stream().filter(id -> id.startsWith("tinystories-656k")).findFirst()
                .orElseThrow();
        Settings settings = Settings.of(0, false, 0.0, 1.0, 16, 0L, List.of());
        PromptTask task = PromptTask.of(new TaskId(runId, model, "pushed", "paren", "default", 0), Purpose.EVAL,
                "Tom (the cat) sat on the mat.", AnswerKey.of(Extraction.NUMERIC, "1"),
                TaskSetup.of(Category.REASONING, settings, "pushed-by-test"));
        publish(task);

        Completion completion = awaitCompletion(task.taskId().toString());
        assertThat(completion.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(completion.error().kind()).isEqualTo(ErrorKind.BAD_INPUT);
        assertThat(completion.error().message()).contains(model).contains("(");

        String next = "e2e-after-bad-" + System.currentTimeMillis();
        submit(new RunSpec(next, List.of(model), List.of(new BenchmarkSelection("stories", 1)), null, 1));
        client.awaitComplete(next, RUN_TIMEOUT, report -> { });
        assertThat(answers(next).values()).singleElement().satisfies(text -> assertThat(text).doesNotStartWith("ERROR"));
    }

    private static void submit(RunSpec spec) {
        HttpResponse<String> accepted = client.submit(WireFormat.of(RunSpec.class).encodeToString(spec));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    /** model/item → the completion's text, or ERROR with its kind and message. */
    private static Map<String, String> answers(String runId) {
        Map<String, String> answers = new TreeMap<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.COMPLETIONS)) {
            if (record.key() != null && record.key().startsWith(runId + "/")
                    && WireFormat.of(Completion.class).decode(record.value()) instanceof Decoded.Valid<Completion> c) {
                Completion completion = c.value();
                TaskId id = completion.taskId();
                answers.put(id.modelId() + "/" + id.itemId(), completion.status() == CompletionStatus.OK
                        ? completion.text() : "ERROR " + completion.error().kind() + ": " + completion.error().message());
            }
        }
        return answers;
    }

    private static Map<String, Grade> grades(String runId) {
        Map<String, Grade> grades = new TreeMap<>();
        for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.GRADES)) {
            if (record.key() != null && record.key().startsWith(runId + "/")
                    && WireFormat.of(Grade.class).decode(record.value()) instanceof Decoded.Valid<Grade> grade) {
                grades.put(record.key(), grade.value());
            }
        }
        return grades;
    }

    private static void publish(PromptTask task) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TASKS, task.taskId().toString(),
                    WireFormat.of(PromptTask.class).encode(task))).get(30, TimeUnit.SECONDS);
        }
    }

    private static Completion awaitCompletion(String taskId) {
        return Awaitility.await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (var record : TopicReader.readAll(stack.bootstrapServers(), Topics.COMPLETIONS)) {
                if (taskId.equals(record.key())
                        && WireFormat.of(Completion.class).decode(record.value()) instanceof Decoded.Valid<Completion> c) {
                    return c.value();
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}
