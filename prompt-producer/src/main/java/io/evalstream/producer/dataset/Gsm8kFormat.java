package io.evalstream.producer.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GSM8K JSON Lines: one object per line with {@code question} and {@code answer}, where the answer is a
 * worked solution whose last line is {@code #### <number>} (the number may carry thousands separators).
 * Item ids are the zero-based position among the file's non-blank lines.
 */
public final class Gsm8kFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "####";
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Gsm8kFormat() {
    }

    /** @param source the file name, for error messages */
    public static List<MathProblem> parse(String source, String jsonl) {
        List<MathProblem> problems = new ArrayList<>();
        String[] lines = jsonl.split("\n", -1);
        for (int line = 0; line < lines.length; line++) {
            if (!lines[line].isBlank()) {
                String where = source + " line " + (line + 1);
                problems.add(problem(Integer.toString(problems.size()), lines[line], where));
            }
        }
        return List.copyOf(problems);
    }

    /** The number after the last {@code ####}, thousands separators removed. */
    public static String reference(String answer, String where) {
        int marker = answer.lastIndexOf(MARKER);
        if (marker < 0) {
            throw new DatasetException(where + ": field 'answer' must end with '#### <number>', found no '####'");
        }
        String number = answer.substring(marker + MARKER.length()).strip().replace(",", "");
        if (!NUMBER.matcher(number).matches()) {
            throw new DatasetException(where + ": expected a number after '####', got '" + number + "'");
        }
        return number;
    }

    private static MathProblem problem(String id, String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        String question = text(node, "question", where);
        String answer = text(node, "answer", where);
        String reference = reference(answer, where);
        String solution = answer.substring(0, answer.lastIndexOf(MARKER)).strip();
        return new MathProblem(id, question, solution, reference);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DatasetException(where + ": field '" + field + "' must be a non-empty string");
        }
        return value.asText().strip();
    }
}
