package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.evalstream.broker.Directories;
import io.evalstream.contracts.BenchmarkScore;
import io.evalstream.contracts.Causes;
import io.evalstream.contracts.DeadLetter;
import io.evalstream.contracts.KafkaAccess;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Topics;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The whole pipeline on a secured broker, as {@code ./run up --secure} starts it: only a SASL_SSL listener
 * (SCRAM-SHA-512), the standard authorizer with the {@link KafkaAccess} ACLs, and every service logging in as its
 * own user from a file of its own. A run completes with exact counts through a worker crash; evalctl pushes as the
 * push user; export and dead-lettering still work; and every attack the ACLs exist for is refused by the broker while
 * the scores stay as they were.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class SecureStackTest {

    private static final Duration REFUSAL = Duration.ofSeconds(8);

    private static Path dir;
    private static LocalStack stack;
    private static StackClient client;
    private static StackIdentities identities;
    private static ExactCounts.Outcome reference;

    @BeforeAll
    static void startASecuredStack() throws IOException {
        dir = Files.createTempDirectory("evalstream-secure");
        stack = LocalStack.start(StackOptions.of(StackOptions.defaultHome(), dir, null,
                SharedStack.WORKER_PROPERTIES).withSecurity());
        client = new StackClient(stack);
        identities = stack.identities().orElseThrow();
        String runId = "secure-reference-" + System.currentTimeMillis();
        ExactCounts.submit(client, runId);
        reference = ExactCounts.verify(stack, client, runId);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        Directories.delete(dir);
    }

    @Test
    @Order(1)
    void aModelWorkerKilledMidRunAndRestartedLeavesExactCounts() {
        ServiceProcess worker = stack.liveWorkers().getFirst();
        String runId = "secure-chaos-" + System.currentTimeMillis();
        ExactCounts.MidRun midRun = ExactCounts.startAndAwaitMidRun(client, worker, runId);
        assertThat(worker.kill()).as("exit code of the worker killed by SIGKILL").isEqualTo(137);
        stack.restart(worker);

        ExactCounts.Outcome outcome = ExactCounts.verify(stack, client, runId);
        ExactCounts.assertSameScores(outcome, reference);
        System.out.println(ExactCounts.summary("secured broker, model-worker killed", midRun, outcome));
    }

    @Test
    @Order(2)
    void thePerSampleExportReadsTheGradesAndCompletionsThroughTheAggregatorsOwnLogin() {
        var response = client.get(stack.aggregator("/runs/" + reference.runId() + "/samples"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> lines = response.body().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("one line per graded task of %s", reference.runId())
                .hasSize(reference.grades().size());
        // The prompts come from the completions the grades point at, read with the aggregator's own login too.
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("\"prompt\":\"")
                .doesNotContain("\"unavailable\""));
    }

    @Test
    @Order(3)
    void evalctlPushesAsThePushUserAndEveryTaskIsGraded() throws Exception {
        String runId = "secure-push-" + System.currentTimeMillis();
        Path tasks = EvalCtl.additionTasks(dir.resolve("push-tasks.jsonl"), runId, 5);

        CommandLine.Result pushed = EvalCtl.run(stack, dir, stack.token().value(), "push", "--kafka-config",
                identities.pushFile().toString(), tasks.toString());

        assertThat(pushed.exitCode()).as(pushed.describe()).isZero();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(client.report(runId).map(Reports::graded)).contains(5L));

        CommandLine.Result withoutLogin = EvalCtl.run(stack, dir, stack.token().value(), "push", tasks.toString());
        assertThat(withoutLogin.exitCode()).as(withoutLogin.describe()).isNotZero();
        assertThat(withoutLogin.output()).doesNotContain("Exception in thread", "\tat ");
    }

    /**
     * The worker's channel dead-letters a task, the aggregator's own consumer and producer a run manifest: both kinds
     * of dead-letter producer log in as their service.
     */
    @Test
    @Order(4)
    void unreadableRecordsAreDeadLetteredWithTheirReasonByEachServicesOwnLogin() throws Exception {
        String task = "secure-poison-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = as(KafkaAccess.PUSH).producer("poison", Map.of())) {
            producer.send(new ProducerRecord<>(Topics.TASKS, task, "{not json".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        String run = "secure-poison-run-" + UUID.randomUUID();
        send(stack.kafkaClients(), Topics.RUNS, run, "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.readAll(stack.kafkaClients(), Topics.DLQ);
            for (String key : List.of(task, run)) {
                assertThat(deadLetters).filteredOn(record -> key.equals(record.key())).singleElement()
                        .satisfies(record -> assertThat(header(record, DeadLetter.REASON)).isNotBlank());
            }
        });
    }

    /** What no end-to-end result shows: the lag gauges' admin client, and no client refused anywhere. */
    @Test
    @Order(5)
    void everyClientOfEveryServiceLoggedInAndWasAllowedWhatItDid() throws IOException {
        String metrics = client.get(stack.aggregator("/q/metrics")).body();
        assertThat(ExactCounts.series(metrics, "evalstream_consumer_lag_records").keySet())
                .as("lag read by the aggregator's admin client").anySatisfy(labels ->
                        assertThat(labels).containsEntry("group", KafkaAccess.Groups.WORKER));
        for (ServiceProcess service : stack.services()) {
            assertThat(Files.readString(service.log())).as("log of %s", service.name())
                    .doesNotContain("AuthorizationException", "AuthenticationException", "Authentication failed",
                            "Cannot read consumer lag");
        }
    }

    @Test
    @Order(6)
    void everyAttackIsRefusedByTheBrokerAndNoScoreMoves() throws Exception {
        RunReport before = client.report(reference.runId()).orElseThrow();
        String forgedKey = reference.runId() + "/" + reference.grades().keySet().iterator().next();
        byte[] forgedGrade = TopicReader.readAll(stack.kafkaClients(), Topics.GRADES).stream()
                .filter(record -> forgedKey.equals(record.key())).findFirst().orElseThrow().value();

        // The worker's own login, writing a grade: only the grader may.
        assertThatThrownBy(() -> send(as(KafkaAccess.MODEL_WORKER), Topics.GRADES, forgedKey, forgedGrade))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // The push user may write tasks only: not runs, and it may not read what models answered.
        assertThatThrownBy(() -> send(as(KafkaAccess.PUSH), Topics.RUNS, "forged-run", "{}".getBytes()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> TopicReader.readAll(as(KafkaAccess.PUSH), Topics.COMPLETIONS))
                .isInstanceOf(TopicAuthorizationException.class);
        // Nobody gets in without the right password, or without one at all.
        assertThatThrownBy(() -> send(KafkaClients.of(identities.wrongPassword(KafkaAccess.GRADER)), Topics.GRADES,
                forgedKey, forgedGrade)).hasRootCauseInstanceOf(AuthenticationException.class);
        // Anonymous: TLS, trusting the broker, but no SASL login.
        Map<String, String> anonymous = new HashMap<>(identities.clientSettings(KafkaAccess.GRADER));
        anonymous.keySet().removeIf(name -> name.startsWith("sasl."));
        anonymous.put("security.protocol", "SSL");
        assertRefused(() -> send(KafkaClients.of(anonymous), Topics.GRADES, forgedKey, forgedGrade));
        // There is no plaintext port: the one port speaks TLS only.
        assertRefused(() -> send(KafkaClients.plaintext(stack.bootstrapServers()), Topics.GRADES, forgedKey,
                forgedGrade));

        // A grade the aggregator took would show within a commit interval; give it several.
        Thread.sleep(2_000);
        RunReport after = client.report(reference.runId()).orElseThrow();
        assertThat(after.totals()).isEqualTo(before.totals());
        assertThat(after.scores()).hasSameSizeAs(before.scores());
        for (int cell = 0; cell < before.scores().size(); cell++) {
            BenchmarkScore was = before.scores().get(cell);
            BenchmarkScore is = after.scores().get(cell);
            assertThat(List.of(is.graded(), is.counts(), is.estimates())).as("counts and estimates of cell %d", cell)
                    .isEqualTo(List.of(was.graded(), was.counts(), was.estimates()));
        }
    }

    @Test
    @Order(7)
    void loginsAreFilesOnlyTheirOwnerReadsAndNoPasswordReachesALogOrACommandLine() throws IOException {
        List<Path> logins;
        try (Stream<Path> files = Files.list(identities.directory())) {
            logins = files.toList();
        }
        // The autoscaler's user exists on the broker too; no local process logs in as it.
        assertThat(logins).extracting(login -> login.getFileName().toString()).containsExactlyInAnyOrder(
                "evalstream-prompt-producer.properties", "evalstream-model-worker.properties",
                "evalstream-grader.properties", "evalstream-aggregator.properties",
                "evalstream-push.client.properties");
        for (Path login : logins) {
            assertThat(Files.getPosixFilePermissions(login)).as(login.toString())
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        List<String> passwords = List.of(KafkaAccess.values()).stream()
                .map(access -> identities.clientSettings(access).get("sasl.jaas.config"))
                .map(jaas -> jaas.replaceAll("(?s).*password=\"([^\"]+)\".*", "$1")).toList();
        assertThat(passwords).allSatisfy(password -> assertThat(password).hasSizeGreaterThanOrEqualTo(16));
        for (ServiceProcess service : stack.services()) {
            String log = Files.readString(service.log());
            String commandLine = ProcessHandle.of(service.pid()).flatMap(p -> p.info().arguments())
                    .map(arguments -> String.join(" ", arguments)).orElse("");
            for (String password : passwords) {
                assertThat(log).as("log of %s", service.name()).doesNotContain(password);
                assertThat(commandLine).as("command line of %s", service.name()).doesNotContain(password);
            }
        }
    }

    private static KafkaClients as(KafkaAccess access) {
        Map<String, Object> settings = new HashMap<>(identities.clientSettings(access));
        // A refusal must come back as an error within the test, not after the clients' default minute.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL.toMillis());
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis());
        return KafkaClients.of(settings);
    }

    private static void send(KafkaClients kafka, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("attacker", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis() / 2))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(REFUSAL.toSeconds() * 2, TimeUnit.SECONDS);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Refused: the attempt ends in a Kafka error (the broker refused the login, or never answered the client). */
    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable attempt) {
        assertThatThrownBy(attempt).satisfies(error -> assertThat(Causes.find(error, KafkaException.class))
                .as("causes of %s", error).isPresent());
    }
}
