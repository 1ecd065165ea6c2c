package io.evalstream.worker.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.AnswerKey;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.CompletionStatus;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Settings;
import io.evalstream.contracts.TaskSetup;
import io.evalstream.worker.Tasks;
import io.evalstream.worker.backend.ModelBackend;
import io.evalstream.worker.backend.ModelReply;
import io.evalstream.worker.backend.ModelRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("integration")
@Timeout(300)
class GgufBackendTest {

    private static final List<String> MODELS = List.of("stories260K", "tinystories-656k", "TinyStories-656K-Q8_0",
            "babyllama-tok105");
    private static final List<String> BEGINNINGS = List.of("Once upon a time", "The little dog",
            "Tom and Sue went to the park", "One day, a big bear", "Lily had a red ball", "The sun was hot!");
    private static final Map<String, GgufBackend> BACKENDS = new HashMap<>();

    @AfterAll
    static void stopThreads() {
        BACKENDS.values().forEach(GgufBackend::close);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            stories260K           | ", there was a little girl named Lily. She loved to play outside in the p"
            tinystories-656k      | ", a little girl named Lily lived in a small house with her mom, dad, and her dog, Spot, Spot, loved to play all day. One day, Lily saw a "
            TinyStories-656K-Q8_0 | ", a little girl named Lily lived in a small house with her mom. Lily loved to play with her toys and read her favorite book. One day, she found a big, round book in her room"
            babyllama-tok105      | ", there was a little gir"
            """)
    void continuesOnceUponATimeGreedilyAsTheModelsReadmeStates(String model, String continuation) {
        ModelReply reply = call(backend(model), Tasks.story("run-readme", model, "s01", "Once upon a time", 24));

        assertThat(reply.text()).isEqualTo(continuation);
        assertThat(reply.usage().completionTokens()).isEqualTo(24);
        assertThat(reply.usage().promptTokens()).isPositive();
        assertThat(reply.firstTokenMillis()).isNotNull().isGreaterThanOrEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K", "tinystories-656k", "TinyStories-656K-Q8_0", "babyllama-tok105"})
    void givesIdenticalStoriesTwiceAndAcrossTwoLoadsInParallel(String model) throws IOException {
        GgufBackend another = GgufBackend.of(model, LlamaModels.loadAnother(GgufModelsDir.spec(model)),
                GgufModelsDir.spec(model), 2);
        try {
            Map<String, String> first = stories(backend(model), model);
            Map<String, String> again = stories(backend(model), model);
            Map<String, String> otherLoad = stories(another, model);

            assertThat(first).hasSize(BEGINNINGS.size()).allSatisfy((beginning, text) -> assertThat(text).isNotBlank());
            assertThat(again).isEqualTo(first);
            assertThat(otherLoad).isEqualTo(first);
        } finally {
            another.close();
        }
    }

    @Test
    void servesFourModelsLoadedAtOnceInOneWorker() {
        ModelRouter router = new ModelRouter(MODELS.stream().collect(Collectors.toMap(Function.identity(),
                model -> (ModelBackend) backend(model))));
        List<CompletableFuture<Completion>> calls = MODELS.stream().flatMap(model -> BEGINNINGS.stream()
                .map(beginning -> Tasks.story("run-four", model, "s" + BEGINNINGS.indexOf(beginning), beginning, 48)))
                .map(task -> router.complete(task).toCompletableFuture()).toList();

        List<Completion> completions = calls.stream().map(GgufBackendTest::await).toList();
        assertThat(completions).hasSize(MODELS.size() * BEGINNINGS.size()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CompletionStatus.OK);
            assertThat(c.backend()).isEqualTo("gguf");
            assertThat(c.simulated()).isFalse();
            assertThat(c.usage().promptTokens()).isPositive();
            assertThat(c.usage().completionTokens()).isBetween(1L, 48L);
            assertThat(c.firstTokenMillis()).isNotNull().isLessThanOrEqualTo(c.latencyMillis());
        });
        assertThat(completions).extracting(c -> c.taskId().modelId()).containsOnlyElementsOf(MODELS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            tinystories-656k      | "Once upon a time (long ago) there was a cat"    | "'(' U+0028"
            TinyStories-656K-Q8_0 | "Tom & Sue went to the park"                     | "'&' U+0026"
            babyllama-tok105      | "Once upon a time\\nthere was a cat"              | "'\\n' U+000A"
            babyllama-tok105      | "Max had 3 #1 toys"                               | "'#' U+0023"
            """)
    void endsAPromptTheModelCannotTokenizeAsBadInputAndServesTheNextTask(String model, String prompt,
            String character) {
        ModelRouter router = new ModelRouter(Map.of(model, backend(model)));

        Completion bad = await(router.complete(Tasks.story("run-bad", model, "s01", prompt.replace("\\n", "\n"), 16))
                .toCompletableFuture());
        Completion next = await(router.complete(Tasks.story("run-bad", model, "s02", "Once upon a time", 16))
                .toCompletableFuture());

        assertThat(bad.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(bad.error().kind()).isEqualTo(ErrorKind.BAD_INPUT);
        assertThat(bad.error().message()).contains("model '" + model + "' cannot tokenize the prompt",
                "outside the model's vocabulary", character);
        assertThat(next.status()).isEqualTo(CompletionStatus.OK);
        assertThat(next.text()).isNotBlank();
    }

    @Test
    void endsAPromptLongerThanTheContextAsBadInputWithTheNumbers() {
        String prompt = "Once upon a time there was a little girl named Lily. ".repeat(6);
        ModelRouter router = new ModelRouter(Map.of("babyllama-tok105", backend("babyllama-tok105")));

        Completion tooLong = await(router.complete(Tasks.story("run-long", "babyllama-tok105", "s01", prompt, 16))
                .toCompletableFuture());

        assertThat(tooLong.status()).isEqualTo(CompletionStatus.ERROR);
        assertThat(tooLong.error().kind()).isEqualTo(ErrorKind.BAD_INPUT);
        // One token per character (plus the leading space the tokenizer adds).
        assertThat(tooLong.error().message()).contains("prompt of " + (prompt.length() + 1) + " tokens",
                "context of model 'babyllama-tok105' (256 tokens per sequence");
    }

    @Test
    void endsTheTextWhenASequenceFillsItsContext() {
        String prompt = "Once upon a time there was a little girl named Lily. ".repeat(4);

        ModelReply reply = call(backend("babyllama-tok105"), Tasks.story("run-full", "babyllama-tok105", "s01",
                prompt, 128));

        assertThat(reply.usage().promptTokens() + reply.usage().completionTokens()).isBetween(250L, 256L);
        assertThat(reply.text()).hasSize((int) reply.usage().completionTokens());
    }

    @Test
    void stopsBeforeAStopString() {
        PromptTask story = Tasks.story("run-stop", "stories260K", "s01", "Once upon a time", 40);
        Settings stopAtLily = Settings.of(0, false, 0.0, 1.0, 40, 0L, List.of("Lily"));
        PromptTask task = PromptTask.of(story.taskId(), story.purpose(), story.prompt(),
                new AnswerKey(story.extraction(), story.metric(), story.reference(), story.aliases(), null),
                new TaskSetup(story.category(), null, stopAtLily, story.settingsHash(), story.judging()));

        assertThat(call(backend("stories260K"), task).text()).isEqualTo(", there was a little girl named ");
    }

    @Test
    void refusesAFileThatIsMissingOrNotGguf(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "these are notes, not a model");

        assertThatThrownBy(() -> GgufBackend.load("m", new GgufModelSpec(dir.resolve("absent.gguf"), 1, 1, 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such file")
                .hasMessageContaining("absent.gguf");
        assertThatThrownBy(() -> GgufBackend.load("m", new GgufModelSpec(text, 1, 1, 64)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a GGUF file");
    }

    private static Map<String, String> stories(GgufBackend backend, String model) {
        Map<String, CompletableFuture<ModelReply>> calls = BEGINNINGS.stream().collect(Collectors.toMap(
                Function.identity(), beginning -> backend.complete(Tasks.story("run-repeat", model, "s01", beginning,
                        64)).toCompletableFuture()));
        return calls.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> await(e.getValue()).text()));
    }

    private static synchronized GgufBackend backend(String model) {
        return BACKENDS.computeIfAbsent(model, m -> GgufBackend.load(m, GgufModelsDir.spec(m)));
    }

    private static ModelReply call(ModelBackend backend, PromptTask task) {
        return await(backend.complete(task).toCompletableFuture());
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("call did not complete: " + e, e);
        }
    }
}
