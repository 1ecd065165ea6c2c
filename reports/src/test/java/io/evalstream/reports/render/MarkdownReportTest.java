package io.evalstream.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MarkdownReportTest {

    private static final String MARKDOWN = MarkdownReport.render(KnownReport.report());
    private static final Pattern CELL_BORDER = Pattern.compile("(?<!\\\\)\\|");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '§', textBlock = """
            title                          ¦ # Run run-7
            status                         ¦ - **Status:** RUNNING
            progress of the run            ¦ - **Progress:** 9 / 12 (75.0%)
            ETA of the run                 ¦ - **ETA:** 2m 05s
            verdicts                       ¦ - **Verdicts:** 2 correct, 1 incorrect, 0 no answer, 1 errors, 5 judged
            settings hash                  ¦ - **Settings hashes graded:** 1b105633790b6540
            settings heading               ¦ ## Settings per benchmark variant
            settings row, stops quoted     ¦ | gsm8k | default | 1b105633790b6540 | 5 | yes | 0.0 | 1.0 | 512 | 1234 | "Question:" "\\\\n\\\\n" "\\<script\\>alert(\\\\"x\\\\")\\</script\\>" "a\\|b" | NUMERIC | NUMERIC\\_EQUAL | - |
            judging                        ¦ | stories | default | 1b105633790b6540 | 0 | no | 0.0 | 1.0 | 256 | 0 | - | TEXT | RUBRIC | tinystories by auto |
            overall heading                ¦ ## Overall per model
            overall row                    ¦ | sim-strong | 2 | 0.550 ± 0.150 | 9 / 9 (100.0%) | 50.0% \\[15.0%, 85.0%\\] | 0.556 ± 0.100 | grammar 7.5 ± 0.5 (n=5) | timeout 1 (openai backend failed: HttpTimeoutException: request timed out) | 812 / 950 / 990 ms | 1200 in / 340 out | done |
            overall with nothing graded    ¦ | sim-weak | 1 | - | 0 / 3 (0.0%) | - | - | - | - | - | 0 in / 0 out | 1h 02m 05s |
            category row                   ¦ | sim-strong | MATH | 1 | 0.500 ± 0.289 | 4 / 4 (100.0%) | 50.0% \\[15.0%, 85.0%\\] | 0.500 ± 0.289 | - | timeout 1 (openai backend failed: HttpTimeoutException: request timed out) | 812 / 950 / 990 ms | 1200 in / 340 out | done |
            benchmark row                  ¦ | sim-strong | gsm8k | MATH | 4 / 4 (100.0%) | 50.0% \\[15.0%, 85.0%\\] | 0.500 ± 0.289 | - | timeout 1 (openai backend failed: HttpTimeoutException: request timed out) | 812 / 950 / 990 ms | 1200 in / 340 out | done |
            scorer heading (issue 19)      ¦ ## Per scorer
            headline scorer first          ¦ | sim-strong | gsm8k | flexible | 4 | 50.0% \\[15.0%, 85.0%\\] | 0.500 ± 0.289 |
            second scorer                  ¦ | sim-strong | gsm8k | strict | 4 | 25.0% \\[4.6%, 69.9%\\] | 0.250 ± 0.250 |
            judged benchmark, no accuracy  ¦ | sim-strong | stories | WRITING | 5 / 5 (100.0%) | - | 0.600 ± 0.050 | grammar 7.5 ± 0.5 (n=5); creativity 6.0 (n=5) | - | - | 0 in / 0 out | done |
            benchmark without grades       ¦ | sim-weak | gsm8k | MATH | 0 / 3 (0.0%) | - | - | - | - | - | 0 in / 0 out | - |
            pass@k header                  ¦ | Model | Benchmark | Problems | Samples per problem | pass@1 |
            pass@k row                     ¦ | sim-strong | gsm8k | 2 | 5 | 0.400 |
            clustered heading              ¦ ## Clustered standard errors (by item; Miller 2024)
            clustered row                  ¦ | sim-strong | gsm8k | 10 | 5 | 0.400 | 0.163 | 0.207 | 1.60 |
            subset row                     ¦ | sim-strong | gsm8k | abstract\\_algebra | stem | 3 | 66.7% \\[20.8%, 93.9%\\] | 0.667 ± 0.333 | - |
            group row                      ¦ | sim-strong | gsm8k | stem | 3 | 66.7% \\[20.8%, 93.9%\\] | 0.667 ± 0.333 | - |
            label with pipe and newline    ¦ | sim-strong | stories | age\\_group | B: 4-5, "older" \\| or younger | 3 | 60.0% |
            label with a script            ¦ | sim-strong | stories | age\\_group | \\<script\\>alert("x")\\</script\\> | 2 | 40.0% |
            stopped early heading          ¦ ## Stopped early
            stopped early row              ¦ | gsm8k | sim-weak vs sim-strong | sim-strong better | anytime-valid paired sign test; Howard et al. 2021 | 0.05 | 0.0 | 212 | 2026-11-21T12:00:00Z | 800 |
            """)
    void rendersEachSectionAsExpected(String what, String line) {
        assertThat(MARKDOWN.lines()).as(what).contains(line);
    }

    @Test
    void everyTableRowHasAsManyCellsAsItsHeaderEvenWhenAValueHoldsAPipe() {
        List<String> lines = MARKDOWN.lines().toList();
        int header = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                header = -1;
            } else if (header < 0) {
                header = borders(line);
            } else {
                assertThat(borders(line)).as(line).isEqualTo(header);
            }
        }
        assertThat(lines).filteredOn(line -> line.startsWith("## ")).hasSize(11);
    }

    @Test
    void noRawMarkupOfAValueSurvives() {
        assertThat(MARKDOWN).doesNotContain("<script>").doesNotContain("</script>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '§', textBlock = """
            plain id                ¦ gsm8k                 ¦ gsm8k
            pipe                    ¦ a|b                   ¦ a\\|b
            html                    ¦ <b>x</b>              ¦ \\<b\\>x\\</b\\>
            emphasis and code       ¦ *x* _y_ `z`           ¦ \\*x\\* \\_y\\_ \\`z\\`
            link                    ¦ [a](http://x)         ¦ \\[a\\](http://x)
            entity and backslash    ¦ &amp; \\               ¦ \\&amp; \\\\
            non-ASCII               ¦ İstanbul ünïcödé      ¦ İstanbul ünïcödé
            """)
    void escapesMarkupInValues(String what, String text, String escaped) {
        assertThat(MarkdownReport.escape(text)).as(what).isEqualTo(escaped);
    }

    @Test
    void lineBreaksInAValueBecomeSpacesSoTheRowStaysOneLine() {
        assertThat(MarkdownReport.escape("a\r\nb\nc\rd")).isEqualTo("a b c d");
    }

    private static int borders(String line) {
        return (int) Arrays.stream(CELL_BORDER.split(line, -1)).count() - 1;
    }
}
