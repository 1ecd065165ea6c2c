package io.evalstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class RealModelsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            stories260K.gguf README.md tinystories-656k.gguf | stories260K tinystories-656k |
            TinyStories-656K-Q8_0.gguf babyllama-tok105.gguf   | TinyStories-656K-Q8_0 babyllama-tok105 |
            notes.txt model.bin                               | |
            my_model.gguf bad@name.gguf -dash.gguf            | bad@name my_model | -dash.gguf
            """)
    void everyGgufFileWhoseNameCanBeAModelIdIsAModelAndTheOthersAreNamed(String files, String ids, String skipped,
            @TempDir Path dir) throws Exception {
        for (String file : files.split(" ")) {
            Files.writeString(dir.resolve(file), "gguf bytes of " + file);
        }
        RealModels models = RealModels.in(dir);
        assertThat(models.ids()).containsExactlyElementsOf(words(ids));
        assertThat(models.skipped()).hasSize(words(skipped).size());
        words(skipped).forEach(name -> assertThat(String.join(" ", models.skipped())).contains(name));
    }

    @Test
    void eachModelIsServedByTheGgufBackendFromItsAbsolutePath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stories260K.gguf"), "12345");
        RealModels models = RealModels.in(dir);

        assertThat(models.workerProperties()).containsOnly(
                java.util.Map.entry("evalstream.worker.models.stories260K.backend", "gguf"),
                java.util.Map.entry("evalstream.worker.models.stories260K.gguf.path",
                        dir.resolve("stories260K.gguf").toAbsolutePath().toString()));
        assertThat(models.models().getFirst().describe()).isEqualTo("stories260K.gguf, 0.0 MB");
    }

    @Test
    void theSharedModelsAreFoundWhenTheyArePresent() {
        Path shared = StackOptions.sharedModels(StackOptions.defaultHome());
        if (shared == null) {
            SharedStack.requireShared("the shared models' listing",
                    StackOptions.defaultHome().resolve("../shared/models"));
            System.err.println("!!! ../shared/models is absent: the real GGUF models were not listed;"
                    + " only the temporary files above were checked.");
            assertThat(RealModels.none().isEmpty()).isTrue();
            return;
        }
        assertThat(RealModels.in(shared).ids()).contains("stories260K", "tinystories-656k", "babyllama-tok105");
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.trim().split(" ")).filter(w -> !w.isEmpty()).toList();
    }
}
