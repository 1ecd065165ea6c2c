package io.evalstream.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Grade} is written through its unwrapped parts but read through one flat creator (for speed). A field added
 * to a part and not to the creator would be written and silently dropped on read: this keeps the two in step.
 */
class GradeReaderPropertiesTest {

    @Test
    void theFlatReaderTakesEveryFieldThePartsWrite() throws NoSuchMethodException {
        Set<String> written = new TreeSet<>(List.of("schemaVersion", "taskId"));
        Stream.of(Marking.class, GradeContext.class, CallFacts.class, Evidence.class, Exchange.class,
                ScorerVerdicts.class).flatMap(part -> Arrays.stream(part.getRecordComponents()))
                .map(RecordComponent::getName).forEach(written::add);
        Method reader = Arrays.stream(Grade.class.getDeclaredMethods()).filter(method -> method.getName().equals("read"))
                .findFirst().orElseThrow(() -> new NoSuchMethodException("Grade.read"));
        Set<String> read = new TreeSet<>();
        for (Parameter parameter : reader.getParameters()) {
            read.add(parameter.getAnnotation(JsonProperty.class).value());
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void gradesWithEachPartReadBackEqual() throws Exception {
        Grade scored = Samples.grade().withScores(
                List.of(new ScorerVerdict("numeric", Verdict.CORRECT, 1.0, "4")),
                List.of(new Scorer("numeric", "NUMERIC", "EXACT")));
        for (Grade grade : List.of(scored, Samples.judgedGrade(), Samples.measuredGrade())) {
            byte[] json = Json.mapper().writeValueAsBytes(grade);
            assertThat(Json.mapper().readValue(json, Grade.class)).isEqualTo(grade);
        }
    }
}
