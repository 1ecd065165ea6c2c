package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The MATH grader against all 5,000 answers of the real test set: each answer, as GPT-Fathom's few-shot format has
 * the model state it and as a boxed solution, grades CORRECT against itself; rewritings that mean the same grade
 * CORRECT; another item's different answer grades INCORRECT. Which answers are alike and which rewritings apply is
 * decided by the test alone, never by asking the grader's canonicaliser or evaluator, whose mistakes are under test.
 */
@Timeout(120)
class MathFidelityTest {

    private static final GradingPipeline MATH = Grader.pipeline(Extraction.BOXED, Metric.MATH_EQUIVALENCE);
    /** Used when the real file is absent: a spread of the shapes MATH answers take. */
    private static final List<Item> BUILT_IN = List.of(new Item("How many?", "2"),
            new Item("Solve.", "\\dfrac{9}{7}"), new Item("Interval?", "x \\in [-2,7]"),
            new Item("List.", "4,6,14,15"), new Item("Point?", "\\left( \\frac{4}{3}, -\\frac{1}{3} \\right)"),
            new Item("Angle in degrees?", "45^\\circ"), new Item("Area?", "864 \\mbox{ inches}^2"),
            new Item("Cost?", "\\$15,\\!000"), new Item("Count?", "10{,}000"), new Item("Which?", "\\text{(C)}"),
            new Item("Vector?", "\\begin{pmatrix} 2/5 \\\\ -1/5 \\\\ 0 \\end{pmatrix}"),
            new Item("Mixed?", "6 \\frac{3}{4}"), new Item("Root?", "\\frac{\\sqrt{2}}{2}"),
            new Item("Units?", "90\\text{ square\nunits}"), new Item("Domain?", "(-\\infty, -2] \\cup [2, \\infty)"),
            new Item("Rate?", "7\\%"), new Item("Value?", "1.36"), new Item("Angle?", "\\frac{\\pi}{3}"));

    /**
     * Pairs of differently written answers in the MATH test set that have the same value, each read and listed by
     * hand: the only pairs of different text that need not grade INCORRECT.
     */
    private static final Set<Set<String>> KNOWN_EQUAL = Set.of(
            // Fractions and roots in LaTeX's short form.
            Set.of("\\frac{3}{4}", "\\frac34"), Set.of("\\frac32", "\\frac{3}{2}"),
            Set.of("\\frac{\\sqrt{3}}{2}", "\\frac{\\sqrt3}{2}"),
            // Degrees, percent, dollars and units, which MATH grading leaves off.
            Set.of("120^\\circ", "120"), Set.of("36^\\circ", "36"), Set.of("75^\\circ", "75"),
            Set.of("9^\\circ", "9"), Set.of("145^\\circ", "145"), Set.of("6", "6^{\\circ}"), Set.of("7\\%", "7"),
            Set.of("4", "\\$4"), Set.of("18\\text{ hours}", "18"), Set.of("9", "9\\text{ a.m.}"),
            Set.of("90\\text{ square\nunits}", "90"),
            // The variable named before its value.
            Set.of("-1", "x = -1"), Set.of("x=5", "5"));

    private static List<Item> items;

    record Item(String question, String answer) {
    }

    @BeforeAll
    static void load() throws IOException {
        var file = Datasets.file("math/test.jsonl", "MATH (5,000 answers)");
        items = file.isPresent() ? read(file.get()) : BUILT_IN;
    }

    @Test
    void gradesEveryAnswerCorrectAgainstItselfInBothAnswerFormats() {
        List<String> failures = new ArrayList<>();
        for (Item item : items) {
            for (String completion : List.of(finalAnswer(item.answer()), boxed(item.answer()))) {
                if (MATH.grade(List.of(item.answer()), completion).verdict() != Verdict.CORRECT) {
                    failures.add(item.answer() + "  <-  " + completion);
                }
            }
        }
        System.out.printf("MATH self-grading: %d answers x 2 formats, %d failures%n", items.size(), failures.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void gradesEquivalentRewritingsCorrect() {
        int total = 0;
        List<String> failures = new ArrayList<>();
        Map<String, int[]> byRewrite = new java.util.TreeMap<>();
        for (Item item : items) {
            for (Map.Entry<String, String> rewrite : MathRewrites.of(item.answer(), item.question()).entrySet()) {
                total++;
                int[] counts = byRewrite.computeIfAbsent(rewrite.getKey(), key -> new int[2]);
                counts[0]++;
                if (MATH.grade(List.of(item.answer()), finalAnswer(rewrite.getValue())).verdict() != Verdict.CORRECT) {
                    counts[1]++;
                    failures.add(rewrite.getKey() + ": " + item.answer() + "  vs  " + rewrite.getValue());
                }
            }
        }
        double rate = 1.0 - (double) failures.size() / total;
        System.out.printf("MATH rewritings: %d of %d graded CORRECT (%.2f%%)%n", total - failures.size(), total,
                100 * rate);
        byRewrite.forEach((name, counts) -> System.out.printf("  %-26s %5d rewritten, %4d missed%n", name, counts[0],
                counts[1]));
        failures.stream().limit(40).forEach(failure -> System.out.println("  missed " + failure));
        assertThat(rate).as("share of rewritings graded CORRECT; misses: %s", failures).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void gradesAnotherItemsDifferentAnswerIncorrect() {
        // Which pairs are "the same answer" is decided without the grader (whose canonicaliser merging two different
        // answers is the very bug to catch): the same text up to whitespace, or a pair listed by hand as equal.
        int pairs = 0;
        List<String> falsePositives = new ArrayList<>();
        for (int shift : new int[] {1, 2, 3, 7, 11, 101, 499, 1009, 2003}) {
            for (int i = 0; i < items.size(); i++) {
                String reference = items.get(i).answer();
                String other = items.get((i + shift) % items.size()).answer();
                if (sameText(reference, other) || KNOWN_EQUAL.contains(Set.of(reference, other))) {
                    continue;
                }
                pairs++;
                if (MATH.grade(List.of(reference), finalAnswer(other)).verdict() != Verdict.INCORRECT) {
                    falsePositives.add(reference + "\t" + other);
                }
            }
        }
        System.out.printf("MATH different answers: %d of %d pairs graded INCORRECT%n", pairs - falsePositives.size(),
                pairs);
        falsePositives.forEach(pair -> System.out.println("  equal " + pair));
        assertThat(falsePositives).as("different answers graded as equal").isEmpty();
    }

    private static boolean sameText(String a, String b) {
        return a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }

    /** GPT-Fathom's MATH few-shot answer ending. */
    static String finalAnswer(String answer) {
        return "We work it out step by step.\nFinal Answer: The final answer is $" + answer + "$. I hope it is correct.";
    }

    static String boxed(String answer) {
        return "Putting it together, the answer is $\\boxed{" + answer + "}$.";
    }

    private static List<Item> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Item> read = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode row = mapper.readTree(line);
                read.add(new Item(row.get("question").asText(), row.get("answer").asText()));
            }
        }
        return read;
    }
}
