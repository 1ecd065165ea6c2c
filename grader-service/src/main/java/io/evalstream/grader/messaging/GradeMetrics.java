package io.evalstream.grader.messaging;

import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Judging;
import io.evalstream.contracts.Verdict;
import io.evalstream.grader.judging.JudgedGrades;
import io.evalstream.grader.judging.Rubrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code evalstream_grades_total{verdict,grader}}, {@code evalstream_terminal_errors_total{kind}} (completions the
 * grader could not grade, made ERROR grades instead of dead letters) and {@code evalstream_dead_letters_total{topic}}. Counters are
 * looked up in maps rather than registered per record, which keeps the hot path free of registry work.
 */
@ApplicationScoped
public class GradeMetrics {

    private final MeterRegistry registry;
    private final Map<String, Map<Verdict, Counter>> grades = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter ungradable;

    GradeMetrics(MeterRegistry registry) {
        this.registry = registry;
        ungradable = Counter.builder("evalstream.terminal.errors")
                .description("Completions the grader could not grade, published as ERROR grades, by kind")
                .tag("kind", ErrorKind.UNGRADABLE.name().toLowerCase(Locale.ROOT)).register(registry);
        // Registered up front so dashboards show every series at 0 before the first grade arrives.
        Grader.names().forEach(grader -> grades.put(grader, gradeCounters(grader)));
        // Judge models are named by runs; the automatic judge is known now.
        Rubrics.ids().forEach(rubric -> {
            String grader = JudgedGrades.graderName(new Judging(rubric, Judging.AUTO));
            grades.put(grader, gradeCounters(grader));
        });
    }

    void graded(Grade grade) {
        grades.computeIfAbsent(grade.context().grader(), this::gradeCounters).get(grade.verdict()).increment();
        if (grade.evidence().errorKind() == ErrorKind.UNGRADABLE) {
            ungradable.increment();
        }
    }

    /** @param topic the topic the dead-lettered record was read from */
    void deadLettered(String topic) {
        deadLetters.computeIfAbsent(topic, t -> Counter.builder("evalstream.dead.letters")
                .description("Records sent to the dead-letter topic, by the topic they were read from")
                .tag("topic", t).register(registry)).increment();
    }

    private Map<Verdict, Counter> gradeCounters(String grader) {
        Map<Verdict, Counter> counters = new EnumMap<>(Verdict.class);
        for (Verdict verdict : Verdict.values()) {
            counters.put(verdict, Counter.builder("evalstream.grades")
                    .description("Grades published, by verdict and grader")
                    .tag("verdict", verdict.name()).tag("grader", grader).register(registry));
        }
        return counters;
    }
}
