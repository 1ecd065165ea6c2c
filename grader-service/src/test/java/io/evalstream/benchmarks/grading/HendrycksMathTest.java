package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class HendrycksMathTest {

    /** Every case of Hendrycks' {@code math_equivalence_test.py}, then the fallbacks where the Python raises. */
    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            \\tfrac{1}{2} + \\frac1{72}          | \\\\frac{1}{2} + 2/3            | false
            10, 4, -2                          | 4, 10, -2                      | false
            10, 4, 2                           | 4, 12, 2                       | false
            \\tfrac{1}{2} +\\! \\frac1{72}        | \\\\dfrac{1}{2} +\\frac{1}{72}   | true
            10\\text{ units}                    | "10 "                          | true
            10\\text{ units}                    | "100 "                         | false
            10                                 | \\$10                          | true
            \\left(x-2\\right)\\left(x+2\\right)  | (x-2)(x+2)                     | true
            0.1, 4, 2                          | 4, .1, 2                       | false
            0.1                                | .1                             | true
            10\\%                               | 10                             | true
            10\\sqrt{3} + \\sqrt4                | 10\\sqrt3 + \\sqrt{4}            | true
            \\frac34i                           | \\frac{3}{4}i                   | true
            \\tfrac83                           | \\frac{8}{3}                    | true
            5x - 7y + 11z + 4 = 0              | x + y - z + 2 = 0              | false
            1/2                                | \\frac{1}{2}                    | true
            2\\sqrt                             | 2\\sqrt                         | true
            2\\sqrt                             | "2 \\sqrt"                      | false
            \\frac                              | \\frac                          | true
            1\\text{ a}\\text{ b}                | 1                              | false
            12\\text{ and }13                   | 12                             | true
            """)
    void judgesLikeIsEquiv(String a, String b, boolean equivalent) {
        assertThat(HendrycksMath.isEquiv(a, b)).isEqualTo(equivalent);
    }

    /** What {@code _strip_string} makes of single answers; NULL where the Python raises. */
    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
            x = 5             | 5
            xyz = 5           | xyz=5
            \\dfrac{1}{2}      | \\frac{1}{2}
            0.5               | \\frac{1}{2}
            " .5"             | \\frac{1}{2}
            3/4               | \\frac{3}{4}
            -3/4              | \\frac{-3}{4}
            03/4              | 03/4
            -0/4              | -0/4
            45^\\circ          | 45
            45^{\\circ}        | 45
            \\$1.50            | 1.50
            \\frac1{72}        | \\frac{1}{72}
            \\frac{1}2         | \\frac{1}2
            \\frac1            | \\frac1
            \\sqrt3x           | \\sqrt{3}x
            "1,\\!000"         | 1,000
            ""                | ""
            \\sqrt             | NULL
            """)
    void stripsLikeStripString(String answer, String stripped) {
        assertThat(HendrycksMath.strip(answer)).isEqualTo(stripped);
    }
}
