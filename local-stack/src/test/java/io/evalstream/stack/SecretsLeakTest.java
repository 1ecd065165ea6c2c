package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.evalctl.render.Reports;
import io.evalstream.reports.scoring.RunReport;
import io.evalstream.stub.OpenAiStub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run with a model behind an API key, answered by the OpenAI-compatible stub, one of whose 401s quotes the
 * Authorization header back; an invalid record on the tasks topic; a client with a wrong token. Then everything
 * the run left behind is searched for the API key, the stack's token and the wrong token, raw and base64: every
 * file of the stack (service logs, broker segments, Streams state), every {@code /q/metrics} page, the reports in
 * every format, the samples export, and every record (key, value, headers) of every topic, the dead letters,
 * changelogs and Kafka's internal topics included. Its own stack: the model needs a key file and a stub.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@Tag("integration")
class SecretsLeakTest {

    private static final String MODEL = "keyed-model";
    private static final String BENCHMARK = "leakcheck";
    private static final String API_KEY = "sk-canary-" + UUID.randomUUID().toString().replace("-", "");
    private static final String WRONG_TOKEN = "wrong-canary-" + UUID.randomUUID();
    private static final String ECHO_PROMPT_MARK = "[[stub:echo-key]]";

    @TempDir
    static Path work;
    private static OpenAiStub stub;
    private static LocalStack stack;
    private static StackClient client;
    private static Path keyFile;

    @BeforeAll
    static void start() throws IOException {
        stub = OpenAiStub.start();
        keyFile = Files.writeString(work.resolve("openai-key"), API_KEY + "\n");
        String prefix = "evalstream.worker.models." + MODEL + ".";
        Map<String, String> worker = Map.of(prefix + "backend", "openai",
                prefix + "openai.base-url", stub.baseUrl(),
                prefix + "openai.api-key-file", keyFile.toString(),
                prefix + "retry.initial-delay", "100ms",
                prefix + "retry.max-delay", "1s");
        stack = LocalStack.start(StackOptions.of(StackOptions.defaultHome(), work.resolve("stack"), null, worker)
                .withBenchmarks(benchmarks(work.resolve("benchmarks"))));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void noApiKeyOrTokenAppearsInAnythingTheRunProduced() throws Exception {
        String runId = "leak-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(wrongTokenRequest().statusCode()).isEqualTo(401);
        String invalid = "{\"schemaVersion\":1,\"taskId\":\"" + runId + "/" + MODEL + "/x/y/default/0\",\"purpose\":7}";
        push(runId + "/poison", invalid);

        assertThat(client.submit("{\"runId\":\"" + runId + "\",\"models\":[\"" + MODEL + "\"],\"benchmarks\":[{\"id\":\""
                + BENCHMARK + "\"}]}").statusCode()).isEqualTo(202);
        RunReport report = client.awaitComplete(runId, Duration.ofMinutes(5), r -> { });

        assertThat(Reports.graded(report)).isEqualTo(4).isEqualTo(Reports.expected(report));
        assertThat(Reports.cell(report, MODEL, BENCHMARK).orElseThrow().counts().errors()).isEqualTo(1);
        assertThat(stub.requests(echoPrompt())).as("the key-echoing fault was reached").isPositive();
        assertThat(echoedCompletionError(runId)).contains("401").contains("Bearer ***");
        await().atMost(Duration.ofMinutes(2)).until(() -> recordsOf(Topics.DLQ).stream()
                .anyMatch(record -> Arrays.equals(record.value(), invalid.getBytes(StandardCharsets.UTF_8))));

        List<String> secrets = List.of(API_KEY, stack.token().value(), WRONG_TOKEN);
        List<String> leaks = new ArrayList<>();
        leaks.addAll(searchFiles(secrets));
        leaks.addAll(searchPages(runId, secrets));
        leaks.addAll(searchTopics(secrets));
        assertThat(leaks).as("places holding a secret").isEmpty();
    }

    /** Three answerable items (one failing once first) and one whose 401 quotes the key back. */
    private static Path benchmarks(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(BENCHMARK));
        Files.writeString(dir.resolve(BENCHMARK + ".yaml"), """
                id: leakcheck
                description: Questions whose prompts tell the openai-stub how to fail.
                category: math
                source:
                  path: leakcheck/items.jsonl
                itemId: id
                reference: answer
                extraction: numeric
                metric: numeric_equal
                settings: {shots: 0, maxTokens: 16}
                variants:
                  default:
                    question: "{{question}}"
                """);
        Files.writeString(dir.resolve(BENCHMARK).resolve("items.jsonl"), """
                {"id": "plain", "question": "What is 36 + 36?", "answer": "72"}
                {"id": "flaky", "question": "[[stub:status=500,times=1]] What is 70 + 2?", "answer": "72"}
                {"id": "garbled", "question": "[[stub:malformed,times=1]] What is 71 + 1?", "answer": "72"}
                {"id": "echo", "question": "%s What is 1 + 1?", "answer": "2"}
                """.formatted(ECHO_PROMPT_MARK));
        return dir;
    }

    private static String echoPrompt() {
        return ECHO_PROMPT_MARK + " What is 1 + 1?";
    }

    private static String echoedCompletionError(String runId) {
        WireFormat<Completion> format = WireFormat.of(Completion.class);
        return recordsOf(Topics.COMPLETIONS).stream().filter(r -> r.key() != null && r.key().startsWith(runId + "/"))
                .map(r -> format.decode(r.value()))
                .flatMap(d -> d instanceof Decoded.Valid<Completion> valid ? Stream.of(valid.value()) : Stream.empty())
                .filter(c -> c.status() == CompletionStatus.ERROR && c.task().prompt().contains(ECHO_PROMPT_MARK))
                .map(c -> c.error().message()).findFirst().orElse("(no failed completion for the echo item)");
    }

    /** Every file the stack wrote, except the two that hold a secret on purpose. */
    private static List<String> searchFiles(List<String> secrets) throws IOException {
        Set<Path> holders = Set.of(stack.token().file(), keyFile);
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(stack.workDir())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !holders.contains(f)).toList()) {
                String text = new String(readIfPresent(file), StandardCharsets.ISO_8859_1);
                Canaries.found(text, secrets).forEach(form -> leaks.add("file " + file + ": " + form));
            }
        }
        assertThat(Files.list(stack.workDir().resolve("logs")).count()).as("service logs searched").isEqualTo(4);
        return leaks;
    }

    private static byte[] readIfPresent(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            // The broker and Streams replace segment and state files all the time.
            return new byte[0];
        }
    }

    private static List<String> searchPages(String runId, List<String> secrets) {
        List<URI> pages = new ArrayList<>();
        stack.services().forEach(service -> pages.add(service.uri("/q/metrics")));
        for (String format : List.of("json", "markdown", "html", "csv")) {
            pages.add(stack.aggregator("/runs/" + runId + "/report?format=" + format));
        }
        pages.addAll(List.of(stack.aggregator("/runs"), stack.aggregator("/runs/" + runId),
                stack.aggregator("/runs/" + runId + "/samples"), stack.producer("/runs/" + runId),
                stack.producer("/benchmarks")));
        List<String> leaks = new ArrayList<>();
        for (URI page : pages) {
            HttpResponse<String> response = client.get(page);
            assertThat(response.statusCode()).as(page.toString()).isEqualTo(200);
            Canaries.found(response.body() + response.headers(), secrets)
                    .forEach(form -> leaks.add("page " + page + ": " + form));
        }
        return leaks;
    }

    private static List<String> searchTopics(List<String> secrets) throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String topic : allTopics()) {
            for (ConsumerRecord<String, byte[]> record : recordsOf(topic)) {
                StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n')
                        .append(new String(record.value() == null ? new byte[0] : record.value(),
                                StandardCharsets.ISO_8859_1));
                for (Header header : record.headers()) {
                    text.append('\n').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.ISO_8859_1));
                }
                Canaries.found(text.toString(), secrets).forEach(form ->
                        leaks.add("record " + topic + "-" + record.partition() + "@" + record.offset() + ": " + form));
            }
        }
        return leaks;
    }

    private static Set<String> allTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            assertThat(topics).as("topics searched").contains(Topics.DLQ, Topics.TASKS, Topics.COMPLETIONS,
                    Topics.GRADES, Topics.RUNS).anyMatch(t -> t.endsWith("-changelog"));
            return topics;
        }
    }

    /** Every record of {@code topic}, aborted transactional writes included. */
    private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic) {
        return TopicReader.readAll(stack.bootstrapServers(), topic, "read_uncommitted");
    }

    private static HttpResponse<String> wrongTokenRequest() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(stack.producer("/benchmarks"))
                .header("Authorization", "Bearer " + WRONG_TOKEN).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void push(String key, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TASKS, key, value.getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
    }
}
