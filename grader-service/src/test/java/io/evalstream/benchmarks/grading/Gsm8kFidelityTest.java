package io.evalstream.benchmarks.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.Verdict;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The GSM8K grader against every reference of the real test set: the reference solution's own working followed by
 * GPT-Fathom's "The answer is N." (N as written, thousands commas and all), or by the bare number, grades CORRECT;
 * a wrong number grades INCORRECT.
 */
@Timeout(60)
class Gsm8kFidelityTest {

    private static final GradingPipeline GSM8K = Grader.pipeline(Extraction.NUMERIC, Metric.NUMERIC_EQUAL);
    private static final List<Item> BUILT_IN = List.of(
            new Item("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18.", "18"),
            new Item("The total is 1,000 + 200 = <<1000+200=1200>>1,200 dollars.", "1,200"),
            new Item("He lost 5 - 8 = <<5-8=-3>>-3 points.", "-3"),
            new Item("Each costs 7 / 2 = <<7/2=3.5>>3.5 dollars.", "3.5"));

    private static List<Item> items;

    record Item(String working, String reference) {
    }

    @BeforeAll
    static void load() throws IOException {
        var file = Datasets.file("gsm8k/test.jsonl", "GSM8K (1,319 references)");
        if (file.isEmpty()) {
            items = BUILT_IN;
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        items = new ArrayList<>();
        for (String line : Files.readAllLines(file.get())) {
            if (!line.isBlank()) {
                String answer = mapper.readTree(line).get("answer").asText();
                int marker = answer.lastIndexOf("####");
                items.add(new Item(answer.substring(0, marker).strip(), answer.substring(marker + 4).strip()));
            }
        }
    }

    @Test
    void gradesEveryReferenceCorrectWhenStatedOrLast() {
        List<String> failures = new ArrayList<>();
        for (Item item : items) {
            for (String completion : List.of(item.working() + "\nThe answer is " + item.reference() + ".",
                    item.working() + "\n" + item.reference())) {
                if (GSM8K.grade(List.of(item.reference()), completion).verdict() != Verdict.CORRECT) {
                    failures.add(item.reference() + "  <-  " + completion.replace('\n', ' '));
                }
            }
        }
        System.out.printf("GSM8K: %d references x 2 forms, %d not graded CORRECT%n", items.size(), failures.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void gradesAWrongNumberIncorrect() {
        List<String> failures = new ArrayList<>();
        for (Item item : items) {
            String wrong = new BigDecimal(item.reference().replace(",", "")).add(BigDecimal.ONE).toPlainString();
            String completion = item.working() + "\nThe answer is " + wrong + ".";
            if (GSM8K.grade(List.of(item.reference()), completion).verdict() != Verdict.INCORRECT) {
                failures.add(item.reference() + "  <-  " + wrong);
            }
        }
        System.out.printf("GSM8K: %d wrong answers, %d not graded INCORRECT%n", items.size(), failures.size());
        assertThat(failures).isEmpty();
    }
}
