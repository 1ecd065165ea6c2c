package io.evalstream.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HtmlReportTest {

    private static final String HTML = HtmlReport.render(KnownReport.report());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '§', textBlock = """
            doctype                      ¦ <!DOCTYPE html>
            charset                      ¦ <meta charset="utf-8">
            title                        ¦ <title>Run run-7</title>
            inline style                 ¦ <style>
            status fact                  ¦ <dt>Status</dt><dd>RUNNING</dd>
            ETA fact                     ¦ <dt>ETA</dt><dd>2m 05s</dd>
            settings heading             ¦ <h2>Settings per benchmark variant</h2>
            stop sequences escaped       ¦ <td>&quot;Question:&quot; &quot;\\n\\n&quot; &quot;&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;&quot; &quot;a|b&quot;</td>
            overall heading              ¦ <h2>Overall per model</h2>
            category heading             ¦ <h2>Per category</h2>
            benchmark heading            ¦ <h2>Per benchmark</h2>
            benchmark accuracy with CI   ¦ <td>50.0% [15.0%, 85.0%]</td>
            judge means                  ¦ <td>grammar 7.5 ± 0.5 (n=5); creativity 6.0 (n=5)</td>
            latency                      ¦ <td>812 / 950 / 990 ms</td>
            pass@k                       ¦ <th>pass@1</th>
            subsets                      ¦ <h2>Subsets</h2>
            groups                       ¦ <h2>Subset groups</h2>
            label with a script          ¦ <td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>
            label with quotes            ¦ <td>B: 4-5, &quot;older&quot; | or
            stopped early                ¦ <h2>Stopped early</h2>
            stop decision                ¦ <td>sim-strong better</td>
            sequential test and paper    ¦ <td>anytime-valid paired sign test; Howard et al. 2021</td>
            end                          ¦ </html>
            """)
    void rendersEachSectionWithEveryValueEscaped(String what, String fragment) {
        assertThat(HTML).as(what).contains(fragment);
    }

    @Test
    void theOnlyTagsAreTheReportsOwnAndThereIsNoScriptOrOutsideResource() {
        assertThat(HTML).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
        assertThat(HTML.replaceAll("</?(html|head|meta|title|style|body|h1|h2|dl|dt|dd|table|thead|tbody|tr|th|td)"
                + "( [^<>]*)?>|<!DOCTYPE html>", "")).doesNotContain("<").doesNotContain(">");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '§', textBlock = """
            plain              ¦ gsm8k                    ¦ gsm8k
            tags               ¦ <img src=x onerror=y>    ¦ &lt;img src=x onerror=y&gt;
            ampersand first    ¦ &lt;                     ¦ &amp;lt;
            quotes             ¦ "a" 'b'                  ¦ &quot;a&quot; &#39;b&#39;
            non-ASCII          ¦ İstanbul ünïcödé         ¦ İstanbul ünïcödé
            """)
    void escapesTextAndAttributeSpecials(String what, String text, String escaped) {
        assertThat(HtmlReport.escape(text)).as(what).isEqualTo(escaped);
    }
}
