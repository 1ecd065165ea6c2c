package io.evalstream.evalctl;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON Lines file of {@link PromptTask}s, each line checked with the rules the model-worker applies, so a bad
 * line is reported with its number instead of ending on the dead-letter topic.
 *
 * @param tasks    the valid lines, in file order
 * @param problems one message per bad line ("line 3: ..."), in file order
 */
public record TaskLines(List<Task> tasks, List<String> problems) {

    private static final WireFormat<PromptTask> TASK = WireFormat.of(PromptTask.class);

    /** One valid line: its task id (the record key) and the line's bytes (the record value, as written). */
    public record Task(int line, String taskId, byte[] json) {
    }

    public TaskLines {
        tasks = List.copyOf(tasks);
        problems = List.copyOf(problems);
    }

    /** Blank lines are skipped; a task id seen on an earlier line is a problem (a task is pushed once). */
    public static TaskLines parse(String text) {
        List<Task> tasks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            byte[] json = line.getBytes(StandardCharsets.UTF_8);
            switch (TASK.decode(json)) {
                case Decoded.Invalid<PromptTask> invalid -> problems.add("line " + number + ": " + invalid.reason());
                case Decoded.Valid<PromptTask> valid -> {
                    String taskId = valid.value().taskId().toString();
                    Integer earlier = firstLine.putIfAbsent(taskId, number);
                    if (earlier != null) {
                        problems.add("line " + number + ": task id " + taskId + " is already on line " + earlier);
                    } else {
                        tasks.add(new Task(number, taskId, json));
                    }
                }
            }
        }
        return new TaskLines(tasks, problems);
    }
}
