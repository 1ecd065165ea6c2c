package io.evalstream.benchmarks;

import io.evalstream.benchmarks.data.DataRecord;
import io.evalstream.benchmarks.data.DataRoot;
import io.evalstream.benchmarks.data.FieldPath;
import io.evalstream.benchmarks.data.RecordReader;
import io.evalstream.benchmarks.definition.SourceSpec;
import io.evalstream.benchmarks.definition.SubsetRule;
import io.evalstream.contracts.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads every file of a source, in path order, and tells which subset each record is in. */
final class SourceReader {

    /** A record and its subset id (null when the source has no subsets). */
    record Sourced(DataRecord record, String subset) {

        String where() {
            return record.where();
        }
    }

    private SourceReader() {
    }

    /** @param key the YAML key of the source ({@code source}, {@code fewShot.source}), for messages */
    static List<Sourced> read(DataRoot root, SourceSpec source, String key) {
        List<String> files = root.find(source.path());
        if (files.isEmpty()) {
            throw new BenchmarkException("key '" + key + ".path': " + root.explainMiss(source.path()));
        }
        SubsetRule rule = source.subset();
        Pattern filePattern = rule == null || rule.file() == null ? null : Pattern.compile(rule.file());
        FieldPath field = rule == null || rule.field() == null ? null : new FieldPath(rule.field());
        List<Sourced> records = new ArrayList<>();
        for (String file : files) {
            String fileSubset = filePattern == null ? null : subsetOfFile(file, filePattern, key);
            for (DataRecord record : RecordReader.read(root, file, source)) {
                String subset = field == null ? fileSubset : subsetOfRecord(record, field, key);
                records.add(new Sourced(record, subset));
            }
        }
        if (records.isEmpty()) {
            throw new BenchmarkException("key '" + key + ".path' is '" + source.path() + "', whose files " + files
                    + " in " + root.describe() + " hold no records");
        }
        return records;
    }

    private static String subsetOfFile(String file, Pattern pattern, String key) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        Matcher matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            throw new BenchmarkException(file + ": key '" + key + ".subset.file' is '" + pattern.pattern()
                    + "', which does not match the whole file name '" + name + "'; fix the pattern or narrow the path");
        }
        return checkId(matcher.group("subset"), file, key);
    }

    private static String subsetOfRecord(DataRecord record, FieldPath field, String key) {
        Object value = field.lookup(record.fields());
        if (!(value instanceof String subset)) {
            throw new BenchmarkException(record.where() + ": key '" + key + ".subset.field' reads field '" + field
                    + "', which " + (value == null ? "this record lacks" : "is not text") + "; its fields are "
                    + record.fields().keySet());
        }
        return checkId(subset, record.where(), key);
    }

    private static String checkId(String subset, String where, String key) {
        if (subset == null || !Require.isId(subset)) {
            throw new BenchmarkException(where + ": key '" + key + ".subset' gives the subset '" + subset + "', which"
                    + " is not a valid id (1-128 letters, digits and _.:@+-, starting with a letter or digit)");
        }
        return subset;
    }
}
