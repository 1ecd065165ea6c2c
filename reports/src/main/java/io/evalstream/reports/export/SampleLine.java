package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.TaskId;
import io.evalstream.reports.render.FlatReader;
import io.evalstream.reports.scoring.GradedSample;
import io.evalstream.reports.scoring.SampleCall;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One line of the per-sample export: a task's latest grade, flat, every field present (null when the grade has
 * none), so that every line has the same keys. The parts are written unwrapped, in the order the line always had.
 */
@JsonDeserialize(using = SampleLine.Reader.class)
public record SampleLine(@JsonUnwrapped ExportedTask task, @JsonUnwrapped MarkedAnswer answer,
        @JsonUnwrapped GradeSetup setup, @JsonUnwrapped GradeEvidence evidence, @JsonUnwrapped GradeOrigin origin) {

    public SampleLine {
        // A null part would silently drop its keys from the line.
        Stream.of(task, answer, setup, evidence, origin).forEach(Objects::requireNonNull);
    }

    /** The line of a grade read from the topic at {@code source}, with the prompt and text it copies. */
    public static SampleLine of(Grade grade, SourcePosition source) {
        return of(grade, source, grade.exchange(), null);
    }

    /**
     * The line of a grade read from the topic at {@code source}, with the prompt and text read from where it points.
     *
     * @param exchange    the prompt and text; {@link Exchange#NONE} when they could not be read
     * @param unavailable why they could not be read; null when they were
     */
    public static SampleLine of(Grade grade, SourcePosition source, Exchange exchange, String unavailable) {
        return new SampleLine(ExportedTask.of(grade.taskId()), MarkedAnswer.of(grade, exchange),
                GradeSetup.of(grade.context()), GradeEvidence.of(grade.evidence()), new GradeOrigin(
                        grade.call().latencyMillis(), grade.call().usage(), grade.context().gradedAt(), source,
                        unavailable));
    }

    /** The line of a task whose grade record cannot be read: what the latest-grade store knows of it. */
    public static SampleLine unavailable(TaskId task, GradedSample sample, String why) {
        Long millis = sample.origin().gradedAtMillis();
        SampleCall call = sample.call();
        return new SampleLine(ExportedTask.of(task), MarkedAnswer.verdictOnly(sample.verdict(), sample.score()),
                new GradeSetup(sample.category(), sample.subset(), sample.settingsHash(), null),
                new GradeEvidence(call.errorKind(), null, null), new GradeOrigin(call.latencyMillis(), call.usage(),
                        millis == null ? null : Instant.ofEpochMilli(millis), sample.origin().source(), why));
    }

    private static SampleLine read(ObjectMapper codec, JsonNode flat) throws IOException {
        return new SampleLine(codec.treeToValue(flat, ExportedTask.class), codec.treeToValue(flat, MarkedAnswer.class),
                codec.treeToValue(flat, GradeSetup.class), codec.treeToValue(flat, GradeEvidence.class),
                codec.treeToValue(flat, GradeOrigin.class));
    }

    /** Each part reads its own fields of the flat line. */
    static final class Reader extends FlatReader<SampleLine> {

        Reader() {
            super(SampleLine.class, SampleLine::read);
        }
    }
}
