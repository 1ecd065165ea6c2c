package io.evalstream.worker.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class GgufFileTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            stories260K           | 2048 | "Once upon a time, Tom & Sue (and Max) said: ok!" |
            tinystories-656k      | 512 | "Once upon a time, Tom & Sue (and Max) said: ok!" | "'&' U+0026, '(' U+0028, ')' U+0029"
            TinyStories-656K-Q8_0 | 512 | "Once upon a time, Tom & Sue (and Max) said: ok!" | "'&' U+0026, '(' U+0028, ')' U+0029"
            babyllama-tok105      | 256 | "Once upon a time, Tom and Sue said: ok!"         |
            """)
    void readsTheTrainedContextAndTheCharactersOutsideTheVocabulary(String model, long context, String prompt,
            String unknown) throws IOException {
        GgufFile file = GgufFile.read(GgufModelsDir.file(model));

        assertThat(file.architecture()).isEqualTo("llama");
        assertThat(file.trainedContext()).isEqualTo(context);
        assertThat(file.tokenizer()).isEqualTo("llama");
        assertThat(String.join(", ", file.unknownCharacters(prompt))).isEqualTo(unknown == null ? "" : unknown);
    }
}
