package io.evalstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How many items the built-in sample sets hold, counted from the files themselves (rows of the JSONL, records of the
 * CSVs): an end-to-end test's expected totals come from the data and the spec, never from the producer's manifest or
 * the report under test, which a producer dropping items would shrink alike.
 */
final class SampleItems {

    private static final Path DATASETS = StackOptions.defaultHome().resolve("benchmarks/src/main/resources/datasets");

    private SampleItems() {
    }

    /** Items a run selects of {@code benchmark}: the whole sample, or its first {@code limit} items. */
    static long of(String benchmark, Integer limit) {
        long all = switch (benchmark) {
            case "gsm8k" -> jsonRows(DATASETS.resolve("gsm8k/test.jsonl"));
            case "mmlu" -> csvRecords(DATASETS.resolve("mmlu/test"));
            default -> throw new IllegalArgumentException("no sample file counted for " + benchmark);
        };
        return limit == null ? all : Math.min(limit, all);
    }

    /** Tasks of a run of {@code models} on {@code benchmarks}, each limited to {@code limit}, {@code samples} each. */
    static long tasks(List<String> models, List<String> benchmarks, Integer limit, int samples) {
        return models.size() * benchmarks.stream().mapToLong(b -> of(b, limit)).sum() * samples;
    }

    private static long jsonRows(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records of every headerless CSV in {@code dir}: line breaks outside quotes end one (a question may span lines). */
    private static long csvRecords(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            long records = 0;
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                String text = Files.readString(file).stripTrailing();
                boolean quoted = false;
                records += text.isEmpty() ? 0 : 1;
                for (char c : text.toCharArray()) {
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\n' && !quoted) {
                        records++;
                    }
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
