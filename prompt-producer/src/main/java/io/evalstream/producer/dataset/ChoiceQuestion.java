package io.evalstream.producer.dataset;

import java.util.List;

/**
 * A four-option multiple-choice question (MMLU style).
 *
 * @param subject the subject as named in the file name, e.g. {@code high_school_biology}
 * @param choices the option texts in order A, B, C, D
 * @param answer  the letter of the correct option, A to D
 */
public record ChoiceQuestion(String id, String subject, String question, List<String> choices, String answer)
        implements Item {

    public ChoiceQuestion {
        choices = List.copyOf(choices);
    }

    @Override
    public String reference() {
        return answer;
    }

    /** The subject as prose: {@code high_school_biology} becomes {@code high school biology}. */
    public String subjectName() {
        return subject.replace('_', ' ');
    }
}
