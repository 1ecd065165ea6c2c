package io.evalstream.benchmarks.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.evalstream.benchmarks.BenchmarkException;
import io.evalstream.benchmarks.definition.SourceSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the records of one data file in any {@link io.evalstream.benchmarks.definition.DataFormat}, gzipped or not. */
public final class RecordReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build()
            .readerFor(String[].class);

    private RecordReader() {
    }

    /** @throws BenchmarkException naming the file (and the line or record) that does not fit the declared format */
    public static List<DataRecord> read(DataRoot root, String file, SourceSpec source) {
        String text = text(file, root.read(file));
        return switch (source.format()) {
            case JSONL -> jsonLines(file, text);
            case JSON -> json(file, text, source.examples());
            case CSV -> table(file, text, ',', source);
            case TSV -> table(file, text, '\t', source);
        };
    }

    private static String text(String file, byte[] bytes) {
        byte[] plain = bytes;
        if (file.endsWith(".gz")) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                plain = in.readAllBytes();
            } catch (IOException e) {
                throw new BenchmarkException(file + ": its name ends in .gz but it is not valid gzip (" + e.getMessage()
                        + "); compress it with gzip or drop the .gz suffix", e);
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plain)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new BenchmarkException(file + ": not valid UTF-8 text; save it as UTF-8", e);
        }
    }

    private static List<DataRecord> jsonLines(String file, String text) {
        List<DataRecord> records = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int line = 0; line < lines.length; line++) {
            if (!lines[line].isBlank()) {
                String where = file + " line " + (line + 1);
                records.add(record(file, records.size() + 1, Json.value(parse(where, lines[line])), where));
            }
        }
        return records;
    }

    private static List<DataRecord> json(String file, String text, String examples) {
        Object document = Json.value(parse(file, text));
        Object array = document;
        if (examples != null) {
            array = document instanceof Map<?, ?> ? new FieldPath(examples).lookup(Json.asFields(document)) : null;
            if (!(array instanceof List<?>)) {
                throw new BenchmarkException(file + ": source.examples is '" + examples + "' but the document has no"
                        + " array there; its top-level keys are " + Json.keys(document));
            }
        } else if (!(document instanceof List<?>)) {
            throw new BenchmarkException(file + ": the document is not an array; set source.examples to the key of"
                    + " its record array (top-level keys: " + Json.keys(document) + ")");
        }
        List<DataRecord> records = new ArrayList<>();
        for (Object element : (List<?>) array) {
            records.add(record(file, records.size() + 1, element, file + " element " + records.size()));
        }
        return records;
    }

    private static JsonNode parse(String where, String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BenchmarkException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static DataRecord record(String file, int row, Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new BenchmarkException(where + ": expected a JSON object {...}, got " + Json.kind(value));
        }
        return new DataRecord(file, row, Json.asFields(value));
    }

    private static List<DataRecord> table(String file, String text, char separator, SourceSpec source) {
        List<String[]> rows = rows(file, text, separator);
        int first = 0;
        List<String> names = source.columns();
        if (source.header()) {
            if (rows.isEmpty()) {
                throw new BenchmarkException(file + ": empty, but header: true expects a header row");
            }
            names = header(file, rows.get(0));
            first = 1;
        }
        List<DataRecord> records = new ArrayList<>();
        for (int i = first; i < rows.size(); i++) {
            String[] row = rows.get(i);
            if (isBlank(row)) {
                continue;
            }
            int number = records.size() + 1;
            if (row.length != names.size()) {
                throw new BenchmarkException(file + " record " + number + ": has " + row.length + " columns but "
                        + (source.header() ? "the header names " : "key 'columns' names ") + names.size() + " "
                        + names + "; quote fields that contain the separator or line breaks");
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int column = 0; column < row.length; column++) {
                fields.put(names.get(column), row[column]);
            }
            records.add(new DataRecord(file, number, fields));
        }
        return records;
    }

    private static List<String[]> rows(String file, String text, char separator) {
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        try (MappingIterator<String[]> rows = ROWS.with(schema).readValues(text)) {
            return rows.readAll();
        } catch (IOException | UncheckedIOException e) {
            throw new BenchmarkException(file + ": not valid " + (separator == ',' ? "CSV" : "TSV") + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> header(String file, String[] row) {
        var seen = new HashSet<String>();
        List<String> names = new ArrayList<>();
        for (String cell : row) {
            String name = cell.strip();
            if (name.isEmpty() || !seen.add(name)) {
                throw new BenchmarkException(file + ": the header row " + List.of(row) + " has " + (name.isEmpty()
                        ? "an empty column name" : "the column '" + name + "' twice") + "; every column needs its own"
                        + " name (or set header: false and name them with 'columns')");
            }
            names.add(name);
        }
        return names;
    }

    private static boolean isBlank(String[] row) {
        for (String cell : row) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
