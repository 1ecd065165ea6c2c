package io.evalstream.producer.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.evalstream.contracts.Require;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * MMLU CSV: headerless rows {@code question,A,B,C,D,answer} with the answer a letter A-D, one file per
 * subject. Fields may be quoted and hold commas, doubled quotes and line breaks. Item ids are
 * {@code <subject>-<row>} ({@code high_school_biology} row 3 is {@code high_school_biology-3}).
 */
public final class MmluFormat {

    private static final ObjectReader ROWS = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class);
    private static final Set<String> LETTERS = Set.of("A", "B", "C", "D");
    private static final int COLUMNS = 6;

    private MmluFormat() {
    }

    /** @param source the file name, for error messages */
    public static List<ChoiceQuestion> parse(String subject, String source, String csv) {
        List<ChoiceQuestion> questions = new ArrayList<>();
        for (String[] row : rows(source, csv)) {
            if (!isBlank(row)) {
                questions.add(question(subject, questions.size(), row, source + " row " + (questions.size() + 1)));
            }
        }
        return List.copyOf(questions);
    }

    /** {@code high_school_biology_test.csv} gives {@code high_school_biology}. */
    public static String subjectOf(String fileName, String suffix) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (!name.endsWith(suffix) || name.length() == suffix.length()) {
            throw new DatasetException("MMLU file " + fileName + " must be named <subject>" + suffix);
        }
        return name.substring(0, name.length() - suffix.length());
    }

    public static String itemId(String subject, int row) {
        String id = subject + "-" + row;
        if (!Require.ID.matcher(id).matches()) {
            throw new DatasetException("MMLU subject '" + subject + "' cannot form an item id: use letters, digits,"
                    + " '_' and '-' only in the file name");
        }
        return id;
    }

    private static ChoiceQuestion question(String subject, int index, String[] row, String where) {
        if (row.length != COLUMNS) {
            throw new DatasetException(where + ": expected " + COLUMNS + " columns question,A,B,C,D,answer, got "
                    + row.length);
        }
        String answer = row[5].strip();
        if (!LETTERS.contains(answer)) {
            throw new DatasetException(where + ": answer must be one of A, B, C, D, got '" + answer + "'");
        }
        if (row[0].isBlank()) {
            throw new DatasetException(where + ": the question is empty");
        }
        return new ChoiceQuestion(itemId(subject, index), subject, row[0].strip(),
                Arrays.stream(row, 1, 5).map(String::strip).toList(), answer);
    }

    private static List<String[]> rows(String source, String csv) {
        try (MappingIterator<String[]> rows = ROWS.readValues(csv)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new DatasetException(source + ": not valid CSV: " + e.getMessage(), e);
        }
    }

    private static boolean isBlank(String[] row) {
        return Arrays.stream(row).allMatch(String::isBlank);
    }
}
