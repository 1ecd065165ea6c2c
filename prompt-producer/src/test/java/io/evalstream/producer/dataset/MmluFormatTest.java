package io.evalstream.producer.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.evalstream.contracts.Require;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class MmluFormatTest {

    @Test
    void readsQuotedFieldsWithCommasDoubledQuotesAndLineBreaks() {
        String csv = """
                Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.,0,1,2,3,B
                "Statement 1 | If aH is an element of a factor group, then |aH| divides |a|.","True, True","False, False","True, False","False, True",B
                "Consider:
                I. ""x"" is a letter.
                II. 5 is even.",I only,II only,Both,Neither,A
                Qu'est-ce que c'est ? Ça va,été,naïve,İstanbul,ß,D
                """;

        List<ChoiceQuestion> questions = MmluFormat.parse("abstract_algebra", "abstract_algebra_test.csv", csv);

        assertThat(questions).containsExactly(
                new ChoiceQuestion("abstract_algebra-0", "abstract_algebra",
                        "Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.", List.of("0", "1", "2", "3"), "B"),
                new ChoiceQuestion("abstract_algebra-1", "abstract_algebra",
                        "Statement 1 | If aH is an element of a factor group, then |aH| divides |a|.",
                        List.of("True, True", "False, False", "True, False", "False, True"), "B"),
                new ChoiceQuestion("abstract_algebra-2", "abstract_algebra",
                        "Consider:\nI. \"x\" is a letter.\nII. 5 is even.",
                        List.of("I only", "II only", "Both", "Neither"), "A"),
                new ChoiceQuestion("abstract_algebra-3", "abstract_algebra", "Qu'est-ce que c'est ? Ça va",
                        List.of("été", "naïve", "İstanbul", "ß"), "D"));
        assertThat(questions.get(0).subjectName()).isEqualTo("abstract algebra");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Q?,a,b,c,d                    | x_test.csv row 2: expected 6 columns question,A,B,C,D,answer, got 5
            Q?,a,b,c,d,E                  | x_test.csv row 2: answer must be one of A, B, C, D, got 'E'
            Q?,a,b,c,d,b                  | x_test.csv row 2: answer must be one of A, B, C, D, got 'b'
            Q?,a,b,c,d,A,extra            | x_test.csv row 2: expected 6 columns question,A,B,C,D,answer, got 7
            ,a,b,c,d,A                    | x_test.csv row 2: the question is empty
            "unterminated,a,b,c,d,A       | x_test.csv: not valid CSV
            """)
    void aBadRowNamesTheFileAndRow(String badRow, String reason) {
        String csv = "Fine?,a,b,c,d,C\n" + badRow + "\n";

        assertThatThrownBy(() -> MmluFormat.parse("x", "x_test.csv", csv))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void blankLinesAreNotRows() {
        assertThat(MmluFormat.parse("x", "x_test.csv", "\nQ?,a,b,c,d,A\n\nR?,a,b,c,d,B\n"))
                .extracting(ChoiceQuestion::id).containsExactly("x-0", "x-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            mmlu/test/high_school_biology_test.csv, _test.csv, high_school_biology
            mmlu/dev/virology_dev.csv,               _dev.csv,  virology
            """)
    void theSubjectComesFromTheFileName(String file, String suffix, String subject) {
        assertThat(MmluFormat.subjectOf(file, suffix)).isEqualTo(subject);
    }

    @Test
    void aFileNotNamedAfterItsSubjectIsRejected() {
        assertThatThrownBy(() -> MmluFormat.subjectOf("mmlu/test/_test.csv", "_test.csv"))
                .hasMessageContaining("must be named <subject>_test.csv");
        assertThatThrownBy(() -> MmluFormat.subjectOf("mmlu/test/biology.csv", "_test.csv"))
                .hasMessageContaining("must be named <subject>_test.csv");
    }

    @ParameterizedTest(name = "{0} row {1}")
    @CsvSource(textBlock = """
            high_school_biology, 0,   high_school_biology-0
            us_foreign_policy,   99,  us_foreign_policy-99
            virology,            165, virology-165
            """)
    void itemIdsAreValidTaskIdParts(String subject, int row, String id) {
        assertThat(MmluFormat.itemId(subject, row)).isEqualTo(id).matches(Require.ID);
    }

    @Test
    void aSubjectThatCannotFormAnIdIsRejected() {
        assertThatThrownBy(() -> MmluFormat.itemId("world religions", 0))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("'world religions' cannot form an item id");
    }
}
