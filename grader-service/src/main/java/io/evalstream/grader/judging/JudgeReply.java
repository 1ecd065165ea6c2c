package io.evalstream.grader.judging;

import java.util.Map;

/** What a rubric read in a judge model's reply: its scores, or why they could not be read. */
public sealed interface JudgeReply {

    /**
     * @param scores score per rubric dimension, each in 1-10
     * @param labels categorical findings (the age group); may be empty
     * @param note   what the reply lacked that the grade can do without (a missing age group); null when nothing
     */
    record Read(Map<String, Double> scores, Map<String, String> labels, String note) implements JudgeReply {
        public Read {
            scores = Map.copyOf(scores);
            labels = Map.copyOf(labels);
        }
    }

    /** @param reason what was missing or wrong, in words for the grade's detail */
    record Unreadable(String reason) implements JudgeReply {
    }
}
