package io.evalstream.benchmarks.grading;

import static io.evalstream.benchmarks.grading.NumericAnswersTest.assertExtracted;
import static io.evalstream.benchmarks.grading.NumericAnswersTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.evalstream.contracts.CodeCheck;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class CodeBlocksTest {

    private static final String PREFIX = "from typing import List\n\n\ndef helper(x):\n    return x\n\n\n"
            + "def add(a: int, b: int) -> int:\n    \"\"\" Add two numbers.\n    >>> add(2, 3)\n    5\n    \"\"\"\n";
    private static final CodeCheck ADD = new CodeCheck(PREFIX, "def check(candidate):\n    assert candidate(2, 3) == 5\n",
            "add");

    /** The code read from realistic completions; \n stands for a newline. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "```python\\ndef f():\\n    return 1\\n```\\nThis works because..."     | "def f():\\n    return 1\\n"
            "Here you go:\\n```\\nreturn 1\\n```"                                  | "return 1\\n"
            "```py\\nx = 1\\n```"                                                | "x = 1\\n"
            "```Python3\\nx = 1\\n```"                                           | "x = 1\\n"
            "```text\\nOutput: 3\\n```\\nThe code:\\n```python\\nprint(3)\\n```"   | "print(3)\\n"
            "```bash\\npip install numpy\\n```"                                  | "pip install numpy\\n"
            "    return a + b\\n"                                               | "    return a + b\\n"
            "    if not xs:\\n        return 0\\n    return max(xs)\\n"          | "    if not xs:\\n        return 0\\n    return max(xs)\\n"
            "```python\\ndef f():\\n    return 1"                                | "def f():\\n    return 1"
            "```python\\n```"                                                   | NO_ANSWER
            "```"                                                               | NO_ANSWER
            "   \\n  "                                                          | NO_ANSWER
            ""                                                                  | NO_ANSWER
            """)
    void readsTheFirstPythonBlockElseTheCompletionAsWritten(String completion, String expected) {
        assertExtracted(CodeBlocks.extract(unescape(completion)), expected.equals("NO_ANSWER") ? expected
                : unescape(expected));
    }

    @Test
    void continuesThePromptWithABody() {
        String body = "    return a + b\n";

        assertThat(CodePrograms.candidate(ADD, body)).isEqualTo(PREFIX + body + "\n");
    }

    @Test
    void keepsThePrefixImportsAndHelpersBeforeAWholeFunction() {
        String function = "def add(a, b):\n    return helper(a) + b\n";

        assertThat(CodePrograms.candidate(ADD, function)).isEqualTo("from typing import List\n\n\n"
                + "def helper(x):\n    return x\n\n\n" + function + "\n");
    }

    @Test
    void keepsOnlyTheImportsOfAPrefixThatDoesNotDefineTheEntryPoint() {
        CodeCheck check = new CodeCheck("import math\nfrom typing import List\nLIMIT = 3\n", ADD.test(), "add");
        String function = "def add(a, b):\n    return a + b\n";

        assertThat(CodePrograms.candidate(check, function))
                .isEqualTo("import math\nfrom typing import List\n" + function + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "def add_two(a, b):\\n    return a + b\\n"
            "class Solution:\\n    def add(self, a, b):\\n        return a + b\\n"
            "    def add(a, b):\\n        return a + b\\n"
            """)
    void continuesThePromptWhenTheEntryPointIsNotDefinedAtColumnZero(String code) {
        assertThat(CodePrograms.candidate(ADD, unescape(code))).startsWith(PREFIX + unescape(code));
    }

    @Test
    void readsAMegabyteOfFencesInLinearTime() {
        String fences = "```\n".repeat(250_000);

        Extracted code = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> CodeBlocks.extract(fences));

        assertThat(code).isInstanceOf(Extracted.Missing.class);
    }
}
