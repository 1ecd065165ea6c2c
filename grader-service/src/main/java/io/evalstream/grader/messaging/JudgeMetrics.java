package io.evalstream.grader.messaging;

import io.evalstream.contracts.Judging;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code evalstream_judge_requests_total{judge,outcome}} and {@code evalstream_judge_seconds{judge}}: judge is
 * {@code auto} or a judge model's id (bounded by the judges runs name). For the automatic judge the time is its
 * computing time; for a judge model, the judge's model call.
 */
@ApplicationScoped
public class JudgeMetrics {

    /** The automatic judge scored an answer, or could not (its tools did not load). */
    static final String JUDGED = "judged";
    static final String UNAVAILABLE = "unavailable";
    /** A judge task was published; the judge's reply was read, was unreadable, or the judge's call failed. */
    static final String ASKED = "asked";
    static final String UNREADABLE = "unreadable";
    static final String FAILED = "failed";

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();

    JudgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        List.of(JUDGED, UNAVAILABLE).forEach(outcome -> counter(Judging.AUTO, outcome));
        timer(Judging.AUTO);
    }

    void count(String judge, String outcome) {
        counter(judge, outcome).increment();
    }

    void time(String judge, Duration duration) {
        timer(judge).record(duration);
    }

    private Counter counter(String judge, String outcome) {
        return requests.computeIfAbsent(judge + '\n' + outcome, key -> Counter.builder("evalstream.judge.requests")
                .description("Answers sent to a judge, by judge and outcome").tag("judge", judge)
                .tag("outcome", outcome).register(registry));
    }

    private Timer timer(String judge) {
        return durations.computeIfAbsent(judge, key -> Timer.builder("evalstream.judge")
                .description("Time a judge took per answer").tag("judge", judge).register(registry));
    }
}
