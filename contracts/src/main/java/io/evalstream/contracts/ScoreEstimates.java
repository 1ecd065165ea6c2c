package io.evalstream.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The two headline figures of a set of grades. On the wire they stay the flat fields they were before they were
 * values ({@code accuracy}, {@code ci95Low}, {@code ci95High}, {@code meanScore}, {@code meanScoreStdErr}), so no
 * reader changes; the records that hold them unwrap them.
 *
 * @param accuracy  correct / trials with its 95% Wilson interval (Wilson 1927); NONE while there are no trials
 * @param meanScore mean of the grades' scores in [0, 1] with its standard error; NONE while nothing is graded
 */
// Only the flat wire form below is JSON: the components share names with two of its fields.
@JsonAutoDetect(getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE,
        fieldVisibility = Visibility.NONE, creatorVisibility = Visibility.NONE)
public record ScoreEstimates(Estimate accuracy, Estimate meanScore) {

    public static final ScoreEstimates NONE = new ScoreEstimates(Estimate.NONE, Estimate.NONE);

    public ScoreEstimates {
        accuracy = accuracy == null ? Estimate.NONE : accuracy;
        meanScore = meanScore == null ? Estimate.NONE : meanScore;
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static ScoreEstimates fromWire(@JsonProperty("accuracy") Double accuracy, @JsonProperty("ci95Low") Double ci95Low,
            @JsonProperty("ci95High") Double ci95High, @JsonProperty("meanScore") Double meanScore,
            @JsonProperty("meanScoreStdErr") Double meanScoreStdErr) {
        return new ScoreEstimates(Estimate.proportion(accuracy, ci95Low, ci95High),
                Estimate.mean(meanScore, meanScoreStdErr));
    }

    @JsonProperty("accuracy")
    Double accuracyValue() {
        return accuracy.value();
    }

    @JsonProperty("ci95Low")
    Double ci95Low() {
        return accuracy.low();
    }

    @JsonProperty("ci95High")
    Double ci95High() {
        return accuracy.high();
    }

    @JsonProperty("meanScore")
    Double meanScoreValue() {
        return meanScore.value();
    }

    @JsonProperty("meanScoreStdErr")
    Double meanScoreStdErr() {
        return meanScore.stdErr();
    }
}
