package io.evalstream.producer.catalog;

import io.evalstream.contracts.Category;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Settings;
import io.evalstream.producer.dataset.ChoiceQuestion;
import io.evalstream.producer.dataset.DatasetException;
import io.evalstream.producer.dataset.DatasetFiles;
import io.evalstream.producer.dataset.Gsm8kFormat;
import io.evalstream.producer.dataset.MathProblem;
import io.evalstream.producer.dataset.MmluFormat;
import io.evalstream.producer.dataset.RoundRobin;
import io.evalstream.producer.prompt.ChoicePrompt;
import io.evalstream.producer.prompt.MathPrompt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in benchmark definitions. Each names its files, format, template, category and extraction;
 * declarative definitions can later replace this class without touching loaders or templates.
 */
public final class Benchmarks {

    static final String GSM8K_TEST = "gsm8k/test.jsonl";
    static final String GSM8K_TRAIN = "gsm8k/train.jsonl";
    static final String MMLU_TEST = "mmlu/test";
    static final String MMLU_DEV = "mmlu/dev";

    private Benchmarks() {
    }

    public static Catalog load(DatasetFiles files) {
        return new Catalog(List.of(gsm8k(files), mmlu(files)));
    }

    /** Items in file order; exemplars are the first lines of the training file. */
    static Benchmark<MathProblem> gsm8k(DatasetFiles files) {
        List<MathProblem> test = Gsm8kFormat.parse(GSM8K_TEST, files.read(GSM8K_TEST));
        List<MathProblem> train = Gsm8kFormat.parse(GSM8K_TRAIN, files.read(GSM8K_TRAIN));
        return new Benchmark<>("gsm8k", "Grade-school math word problems; the final answer is a number.",
                Category.MATH, Extraction.NUMERIC, test,
                new MathPrompt(train.subList(0, Math.min(train.size(), Settings.MAX_SHOTS))));
    }

    /** Items round-robin across subjects sorted by name, so any limit spans subjects; exemplars per subject. */
    static Benchmark<ChoiceQuestion> mmlu(DatasetFiles files) {
        List<String> testFiles = files.list(MMLU_TEST).stream().filter(path -> path.endsWith("_test.csv")).toList();
        if (testFiles.isEmpty()) {
            throw new DatasetException("no MMLU files <subject>_test.csv in " + MMLU_TEST + " of " + files.describe());
        }
        List<List<ChoiceQuestion>> bySubject = new ArrayList<>();
        Map<String, List<ChoiceQuestion>> exemplars = new LinkedHashMap<>();
        for (String testFile : testFiles) {
            String subject = MmluFormat.subjectOf(testFile, "_test.csv");
            bySubject.add(MmluFormat.parse(subject, testFile, files.read(testFile)));
            String devFile = MMLU_DEV + "/" + subject + "_dev.csv";
            exemplars.put(subject, MmluFormat.parse(subject, devFile, files.read(devFile)));
        }
        return new Benchmark<>("mmlu", "Multiple-choice questions across academic subjects; the answer is a letter A-D.",
                Category.KNOWLEDGE, Extraction.MULTIPLE_CHOICE, RoundRobin.interleave(bySubject),
                new ChoicePrompt(exemplars));
    }
}
