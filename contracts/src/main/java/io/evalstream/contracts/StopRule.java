package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * Opt-in early stopping of one comparison: once the anytime-valid paired test of models {@code compare[0]} (A) and
 * {@code compare[1]} (B) reaches an outcome {@code when} accepts on a benchmark, that benchmark's remaining tasks of
 * the run end as {@link ErrorKind#STOPPED_EARLY} instead of being sent to a model.
 *
 * @param compare the two models, A then B; both must be in the run
 * @param when    which outcomes stop: a difference found, no difference of {@code margin} left to find, or either
 * @param alpha   the chance over the whole run of a wrong stop, in (0, 0.5)
 * @param margin  the smallest accuracy difference worth finding, in [0, 1); 0 never stops for futility
 */
public record StopRule(List<String> compare, When when, double alpha, double margin) {

    public static final double DEFAULT_ALPHA = 0.05;

    /** Which outcomes of the sequential test stop the comparison. */
    public enum When {
        /** A or B is better. */
        DECIDED,
        /** No difference of the margin's size is left to find. */
        FUTILE,
        EITHER;

        @JsonCreator
        public static When parse(String value) {
            try {
                return valueOf(Require.present(value, "stop.when").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("field 'stop.when' must be decided, futile or either, got '"
                        + Texts.abbreviate(value, Texts.IN_A_MESSAGE) + "'");
            }
        }
    }

    public StopRule {
        compare = Require.nonEmpty(compare, "stop.compare");
        if (compare.size() != 2 || compare.get(0).equals(compare.get(1))) {
            throw new InvalidRecordException("field 'stop.compare' must name two different models [A, B], got "
                    + compare);
        }
        Require.present(when, "stop.when");
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new InvalidRecordException("field 'stop.alpha' must be in (0, 0.5), got " + alpha);
        }
        if (!(margin >= 0 && margin < 1)) {
            throw new InvalidRecordException("field 'stop.margin' must be in [0, 1), got " + margin);
        }
        if (when != When.DECIDED && margin == 0) {
            throw new InvalidRecordException("field 'stop.margin' must be above 0 when 'stop.when' is "
                    + when.name().toLowerCase(Locale.ROOT) + ": a margin of 0 never stops for futility");
        }
    }

    /** The JSON form: {@code alpha} defaults to 0.05, {@code margin} to 0. */
    @JsonCreator
    public static StopRule of(@JsonProperty("compare") List<String> compare, @JsonProperty("when") When when,
            @JsonProperty("alpha") Double alpha, @JsonProperty("margin") Double margin) {
        return new StopRule(compare, when, alpha == null ? DEFAULT_ALPHA : alpha, margin == null ? 0 : margin);
    }

    public String a() {
        return compare.get(0);
    }

    public String b() {
        return compare.get(1);
    }
}
