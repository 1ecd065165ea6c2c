package io.evalstream.grader.messaging;

import static io.evalstream.grader.Fixtures.ok;
import static io.evalstream.grader.Fixtures.storyTask;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.KafkaTestResource;
import io.evalstream.contracts.Answer;
import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.ModelCall;
import io.evalstream.contracts.ModelError;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.contracts.TokenUsage;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.Verdict;
import io.evalstream.contracts.WireFormat;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Story continuations judged through a real broker: by the automatic judge, and by a judge model the test plays. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@Timeout(240)
@Tag("integration")
class JudgingFlowTest {

    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final WireFormat<PromptTask> TASKS = WireFormat.of(PromptTask.class);
    private static final String BEGINNING = "Lily had a red ball. She liked to throw it high in the sky. But one day,"
            + " the ball";
    private static final String STORY = " flew over the fence and landed in the garden of an old man. Lily was"
            + " scared, but she knocked on his door. The old man smiled and gave the ball back. He also gave her a"
            + " big red apple. Lily said thank you and ran home to tell her mom.";
    private static final String JUDGE = "judge-model";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void judgesAStoryAutomaticallyAndGradesBlankFailedAndUnknownRubricAnswersWithoutAJudge() throws Exception {
        String runId = "auto-" + UUID.randomUUID().toString().substring(0, 8);
        Completion story = ok(storyTask(runId, "s02", BEGINNING, Judging.AUTO), STORY);
        Completion blank = ok(storyTask(runId, "s03", BEGINNING, Judging.AUTO), "  ");
        Completion failedCall = Completion.failed(storyTask(runId, "s04", BEGINNING, Judging.AUTO),
                new ModelError(ErrorKind.BAD_INPUT, "the prompt holds a character the model cannot tokenize"),
                "gguf", 3, 1);
        PromptTask base = storyTask(runId, "s05", BEGINNING, Judging.AUTO);
        Completion unknownRubric = ok(PromptTask.of(base.taskId(), base.purpose(), base.prompt(),
                new AnswerKey(base.extraction(), base.metric(), base.reference(), List.of(), null),
                new TaskSetup(base.category(), null, base.settings(), base.settingsHash(), new Judging("mt-bench",
                Judging.AUTO))),
                STORY);
        produce(story, blank, failedCall, unknownRubric);

        Map<String, Grade> grades = read(Topics.GRADES, runId, 3, GRADES);
        Map<String, ConsumerRecord<String, byte[]>> dead = readRaw(Topics.DLQ, runId, 1);

        Grade judged = grades.get(story.taskId().toString());
        assertThat(judged.verdict()).isEqualTo(Verdict.JUDGED);
        assertThat(judged.context().grader()).isEqualTo("text/rubric:tinystories:auto@2");
        assertThat(judged.marking().extracted()).isEqualTo(STORY.strip());
        assertThat(judged.marking().reference()).isEqualTo(BEGINNING);
        assertThat(judged.evidence().judgement().scores()).containsOnlyKeys("grammar", "creativity", "consistency");
        assertThat(judged.evidence().judgement().labels()).containsKey("age_group");
        assertThat(judged.evidence().judgement().measures()).containsKeys("grammar_errors_per_100_words",
                "embedding_similarity", "novelty", "distinct_bigrams", "words");
        assertThat(judged.marking().score()).isEqualTo(judged.evidence().judgement().normalizedScore()).isGreaterThan(0.6);
        assertThat(grades.get(blank.taskId().toString()).verdict()).isEqualTo(Verdict.NO_ANSWER);
        assertThat(grades.get(failedCall.taskId().toString()).evidence().errorKind()).isEqualTo(ErrorKind.BAD_INPUT);
        assertThat(header(dead.get(unknownRubric.taskId().toString()), DeadLetter.REASON))
                .contains("unknown rubric 'mt-bench'; this grader knows tinystories");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("evalstream_judge_requests_total\\{judge=\"auto\",outcome=\"judged\"\\}"
                + " [1-9]").contains("evalstream_judge_seconds_count{judge=\"auto\"}");
    }

    @Test
    void asksAJudgeModelThroughTheTasksTopicAndGradesTheSubjectFromItsReply() throws Exception {
        String runId = "model-" + UUID.randomUUID().toString().substring(0, 8);
        Completion good = ok(storyTask(runId, "s02", BEGINNING, JUDGE), STORY);
        Completion garbled = ok(storyTask(runId, "s06", BEGINNING, JUDGE), " went up and up.");
        Completion judgeDown = ok(storyTask(runId, "s07", BEGINNING, JUDGE), " fell in the pond.");
        produce(good, garbled, judgeDown);

        Map<String, PromptTask> judgeTasks = read(Topics.TASKS, runId, 3, TASKS);
        PromptTask judgeTask = judgeTasks.get(good.taskId().judgedBy(JUDGE).toString());
        assertThat(judgeTask.purpose()).isEqualTo(Purpose.JUDGE);
        assertThat(judgeTask.taskId().modelId()).isEqualTo(JUDGE);
        assertThat(judgeTask.subject().taskId()).isEqualTo(good.taskId());
        assertThat(judgeTask.subject().text()).isEqualTo(STORY);
        assertThat(judgeTask.prompt()).containsPattern(Pattern.quote(BEGINNING + "***\n")
                        + "<<<ANSWER-([0-9a-f]{32})>>>\n" + Pattern.quote(STORY.strip()) + "\n<<<END-ANSWER-\\1>>>\n")
                .endsWith("Age group: <letter> (<ages>)\n");
        assertThat(judgeTask.settings().maxTokens()).isEqualTo(256);

        // A redelivered answer gets the same judge task, markers included: the judge is asked the same question.
        produce(good);
        assertThat(readAll(Topics.TASKS, judgeTask.taskId().toString(), 2)).extracting(PromptTask::prompt)
                .containsOnly(judgeTask.prompt());

        // The test plays the worker serving the judge model.
        produce(Completion.of(judgeTask, Answer.ok("The student finishes the sentence well.\n**Grammar:** 9/10\n"
                        + "**Creativity:** 7 out of 10\n**Consistency:** 8/10\n**Age group:** C (6-7)"),
                        ModelCall.now("sim", true, 700, 1, TokenUsage.NONE)),
                Completion.of(judgeTasks.get(garbled.taskId().judgedBy(JUDGE).toString()),
                        Answer.ok("What a lovely story! I would give it a high mark."),
                        ModelCall.now("sim", true, 650, 1, TokenUsage.NONE)),
                Completion.failed(judgeTasks.get(judgeDown.taskId().judgedBy(JUDGE).toString()),
                        new ModelError(ErrorKind.SERVER_ERROR, "HTTP 503 after 3 attempts"), "openai", 9000, 3));

        Map<String, Grade> grades = read(Topics.GRADES, runId, 3, GRADES);
        Grade judged = grades.get(good.taskId().toString());
        assertThat(judged.verdict()).isEqualTo(Verdict.JUDGED);
        assertThat(judged.context().grader()).isEqualTo("text/rubric:tinystories:judge-model@2");
        assertThat(judged.call().latencyMillis()).isEqualTo(good.latencyMillis());
        assertThat(judged.evidence().judgement().judge()).isEqualTo(JUDGE);
        assertThat(judged.evidence().judgement().scores()).isEqualTo(Map.of("grammar", 9.0, "creativity", 7.0,
                "consistency", 8.0));
        assertThat(judged.evidence().judgement().labels()).isEqualTo(Map.of("age_group", "C: 6-7"));
        Grade unreadable = grades.get(garbled.taskId().toString());
        assertThat(unreadable.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(unreadable.evidence().errorKind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(unreadable.evidence().detail()).contains("it does not end with the score block; its last line is 'What a"
                + " lovely story! I would give it a high mark.'");
        Grade failedJudge = grades.get(judgeDown.taskId().toString());
        assertThat(failedJudge.evidence().errorKind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failedJudge.evidence().detail()).isEqualTo("judge judge-model failed: HTTP 503 after 3 attempts");
    }

    private <T> Map<String, T> read(String topic, String runId, int expected, WireFormat<T> format) {
        Map<String, T> found = new HashMap<>();
        readRaw(topic, runId, expected).forEach((key, record) -> found.put(key, valid(format.decode(record.value()))));
        return found;
    }

    private Map<String, ConsumerRecord<String, byte[]>> readRaw(String topic, String runId, int expected) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = BrokerClients.reader(bootstrapServers, topic)) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(runId + "/")) {
                        found.put(record.key(), record);
                    }
                }
                assertThat(found).hasSize(expected);
            });
        }
        return found;
    }

    private List<PromptTask> readAll(String topic, String key, int expected) {
        List<PromptTask> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = BrokerClients.reader(bootstrapServers, topic)) {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(valid(TASKS.decode(record.value())));
                    }
                }
                assertThat(found).hasSize(expected);
            });
        }
        return found;
    }

    private static <T> T valid(Decoded<T> decoded) {
        return switch (decoded) {
            case Decoded.Valid<T> valid -> valid.value();
            case Decoded.Invalid<T> invalid -> throw new AssertionError("unreadable record: " + invalid.reason());
        };
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        assertThat(record).isNotNull();
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void produce(Completion... completions) throws Exception {
        try (KafkaProducer<String, byte[]> producer = BrokerClients.producer(bootstrapServers)) {
            for (Completion completion : completions) {
                producer.send(new ProducerRecord<>(Topics.COMPLETIONS, completion.taskId().toString(),
                        COMPLETIONS.encode(completion))).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
