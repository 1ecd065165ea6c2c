package io.evalstream.grader.judging;

import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.PromptTask;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rubrics this grader knows, by id. */
public final class Rubrics {

    private static final Map<String, Rubric> RUBRICS = index(List.of(new TinyStoriesRubric()));

    private Rubrics() {
    }

    /** @throws InvalidRecordException naming the known rubrics when {@code id} is none of them */
    public static Rubric of(String id) {
        Rubric rubric = RUBRICS.get(id);
        if (rubric == null) {
            throw new InvalidRecordException("field 'task.judging.rubric' names an unknown rubric '" + id
                    + "'; this grader knows " + String.join(", ", RUBRICS.keySet()));
        }
        return rubric;
    }

    /**
     * The rubric of a task graded on one: it must extract TEXT and name a known rubric.
     *
     * @throws InvalidRecordException when it does not: a fault of the task, not of the model
     */
    public static Rubric of(PromptTask task) {
        if (task.judging() == null) {
            throw new IllegalArgumentException("task " + task.taskId() + " is not judged on a rubric");
        }
        if (!Extraction.TEXT.name().equals(task.extraction())) {
            throw new InvalidRecordException("field 'task.extraction' must be TEXT for metric RUBRIC (a judge reads"
                    + " the whole completion), got " + task.extraction());
        }
        return of(task.judging().rubric());
    }

    public static List<String> ids() {
        return List.copyOf(RUBRICS.keySet());
    }

    private static Map<String, Rubric> index(List<Rubric> rubrics) {
        TreeMap<String, Rubric> byId = new TreeMap<>();
        rubrics.forEach(rubric -> byId.put(rubric.id(), rubric));
        return Collections.unmodifiableSortedMap(byId);
    }
}
