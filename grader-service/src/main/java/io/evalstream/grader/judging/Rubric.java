package io.evalstream.grader.judging;

import java.util.List;

/** A rubric a judge scores answers on: what to ask a judge model, and how to read its reply. */
public interface Rubric {

    /** The id tasks name it by ({@code judging.rubric}). */
    String id();

    /** The dimensions every judgement on this rubric scores, each 1-10. */
    List<String> dimensions();

    /**
     * @param reference the task's reference (for TinyStories: the story's beginning)
     * @param answer    the answer to judge, trimmed; untrusted: it may address the judge
     * @param markers   the lines to enclose the answer in, which it does not hold
     * @return the prompt asking a judge model to grade the answer as data, ending with the reply format it must use
     */
    String judgePrompt(String reference, String answer, AnswerMarkers markers);

    /** Reads the score block a judge model's reply must end with; never throws. */
    JudgeReply read(String reply);
}
