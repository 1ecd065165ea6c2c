package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class TextsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", emptyValue = "''", textBlock = """
            null stays null               | null                   | 5  | null
            empty                         | ''                     | 5  | ''
            shorter than the limit        | abc                    | 5  | abc
            exactly the limit             | abcde                  | 5  | abcde
            one over the limit            | abcdef                 | 5  | abcd…
            limit of one                  | abc                    | 1  | …
            non-ASCII, Turkish I          | İstanbul ıi            | 4  | İst…
            surrogate pair at the cut     | ab😀cd                 | 4  | ab…
            """)
    void keepsShortTextAndCutsLongTextWithAnEllipsis(String name, String text, int max, String expected) {
        assertThat(Texts.abbreviate(text, max)).isEqualTo(expected);
    }
}
