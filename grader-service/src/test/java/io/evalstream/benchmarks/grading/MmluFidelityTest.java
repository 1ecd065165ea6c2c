package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The multiple-choice grader against every answer letter of MMLU's 57 test files: "The answer is (X)." and
 * "Answer: X" grade CORRECT, and so does an answer that first names the option's text; another letter grades
 * INCORRECT.
 */
@Timeout(60)
class MmluFidelityTest {

    private static final GradingPipeline MMLU = Grader.pipeline(Extraction.MULTIPLE_CHOICE, Metric.EXACT_MATCH);
    private static final List<List<String>> BUILT_IN = List.of(
            List.of("Find the degree of Q(sqrt(2)) over Q.", "0", "4", "2", "6", "C"),
            List.of("Which answer is correct?", "(a) only", "(b) only", "both", "neither", "A"),
            List.of("The answer is:", "B", "A", "D", "C", "D"));

    private static List<List<String>> rows;

    @BeforeAll
    static void load() throws IOException {
        var directory = Datasets.file("mmlu/test", "MMLU (14,042 answer letters)");
        rows = directory.isPresent() ? read(directory.get()) : BUILT_IN;
    }

    @Test
    void gradesEveryAnswerLetterCorrectInBothAnswerForms() {
        List<String> failures = new ArrayList<>();
        for (List<String> row : rows) {
            String letter = row.get(5);
            for (String completion : List.of("The answer is (" + letter + ").", "Answer: " + letter)) {
                if (MMLU.grade(List.of(letter), completion).verdict() != Verdict.CORRECT) {
                    failures.add(letter + "  <-  " + completion);
                }
            }
        }
        System.out.printf("MMLU: %d answer letters x 2 forms, %d not graded CORRECT%n", rows.size(), failures.size());
        assertThat(rows).hasSizeGreaterThanOrEqualTo(BUILT_IN.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void gradesAnAnswerThatRestatesTheOptionByItsLetter() {
        List<String> failures = new ArrayList<>();
        for (List<String> row : rows) {
            String letter = row.get(5);
            String option = row.get(" ABCD".indexOf(letter));
            String completion = "The correct option reads: " + option + ". The answer is (" + letter + ").";
            if (MMLU.grade(List.of(letter), completion).verdict() != Verdict.CORRECT) {
                failures.add(letter + "  <-  " + completion);
            }
        }
        double rate = 1.0 - (double) failures.size() / rows.size();
        System.out.printf("MMLU: option text then letter, %d of %d graded CORRECT (%.3f%%)%n",
                rows.size() - failures.size(), rows.size(), 100 * rate);
        failures.stream().limit(20).forEach(failure -> System.out.println("  missed " + failure));
        assertThat(rate).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void gradesEveryOtherLetterIncorrect() {
        List<String> failures = new ArrayList<>();
        for (List<String> row : rows) {
            String letter = row.get(5);
            String other = String.valueOf("BCDA".charAt("ABCD".indexOf(letter)));
            if (MMLU.grade(List.of(letter), "The answer is (" + other + ").").verdict() != Verdict.INCORRECT) {
                failures.add(letter + "  <-  " + other);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Headerless CSV rows question,A,B,C,D,answer; quoted fields may span lines. */
    private static List<List<String>> read(Path directory) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> read = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.toString().endsWith("_test.csv")).sorted().toList();
        }
        for (Path file : files) {
            try (MappingIterator<List<String>> lines = mapper.readerForListOf(String.class)
                    .with(CsvSchema.emptySchema()).readValues(file.toFile())) {
                while (lines.hasNext()) {
                    List<String> row = lines.next();
                    assertThat(row).as(file + " row " + (read.size() + 1)).hasSize(6);
                    read.add(row);
                }
            }
        }
        return read;
    }
}
