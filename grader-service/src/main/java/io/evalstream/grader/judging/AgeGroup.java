package io.evalstream.grader.judging;

import java.util.Locale;
import java.util.Optional;

/** The TinyStories paper's age groups of the writer a story reads as written by. */
public enum AgeGroup {
    A("3 or under"),
    B("4-5"),
    C("6-7"),
    D("8-9"),
    E("10-12"),
    F("13-16");

    /** The rubric's label key for the age group. */
    public static final String LABEL = "age_group";

    private final String ages;

    AgeGroup(String ages) {
        this.ages = ages;
    }

    /** The label value, e.g. {@code B: 4-5}. */
    public String label() {
        return name() + ": " + ages;
    }

    public String ages() {
        return ages;
    }

    /** The group of a letter A-F in either case. */
    public static Optional<AgeGroup> ofLetter(String letter) {
        if (letter == null || letter.length() != 1) {
            return Optional.empty();
        }
        char upper = letter.toUpperCase(Locale.ROOT).charAt(0);
        return upper >= 'A' && upper <= 'F' ? Optional.of(values()[upper - 'A']) : Optional.empty();
    }
}
