package io.evalstream.grader.regrade;

import io.evalstream.contracts.RegradeReport;
import io.evalstream.benchmarks.CatalogLoader;
import io.evalstream.benchmarks.definition.BenchmarkDefinition;
import io.evalstream.benchmarks.grading.Grader;
import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.grader.messaging.CodeExecutions;
import io.evalstream.grader.messaging.SandboxUnavailableException;
import io.evalstream.contracts.RegradeReport.PastRetention;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Grades a run's completions again without asking any model: reads them back from {@code evalstream.completions},
 * grades each by its benchmark's current definition (read afresh, so an edited or added scorer counts) and publishes
 * the grades keyed by task id, where the aggregator's latest-grade table replaces the old ones, so counts stay exact.
 * Code tasks are graded by running their programs again in the sandbox (running a program asks no model), as many at
 * once as the sandbox has slots, as live grading does. Tasks judged on a rubric are left alone (their judge model
 * would be asked again); the report says so, and names the graded tasks whose completions are gone.
 */
@ApplicationScoped
public class Regrader {

    private static final Logger LOG = Logger.getLogger(Regrader.class);
    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final Duration READ_WITHIN = Duration.ofMinutes(2);

    private final KafkaClients kafka;
    private final CodeExecutions code;
    private final Optional<Path> benchmarksDir;

    Regrader(KafkaClients kafka, CodeExecutions code,
            @ConfigProperty(name = "evalstream.grader.benchmarks-dir") Optional<Path> dir) {
        this.kafka = kafka;
        this.code = code;
        this.benchmarksDir = dir;
    }

    /**
     * @param benchmark only this benchmark's tasks; empty for all
     * @param model     only this model's tasks; empty for all
     * @throws io.evalstream.benchmarks.BenchmarkException when the current definitions cannot be read
     */
    public RegradeReport regrade(String runId, Optional<String> benchmark, Optional<String> model) {
        Map<String, BenchmarkDefinition> definitions = CatalogLoader.definitions(benchmarksDir);
        Predicate<String> wanted = key -> wanted(key, runId, benchmark, model);
        Map<String, Completion> completions;
        Map<String, Grade> previous;
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer("evalstream-grader-regrade", Map.of())) {
            completions = RunRecords.latest(consumer, Topics.COMPLETIONS, COMPLETIONS, wanted, READ_WITHIN);
            previous = RunRecords.latest(consumer, Topics.GRADES, GRADES, wanted, READ_WITHIN);
        }
        Map<String, Long> skipped = new TreeMap<>();
        List<Grade> regraded = new ArrayList<>();
        List<Completion> programs = new ArrayList<>();
        Instant now = Instant.now();
        for (Completion completion : completions.values()) {
            Optional<String> reason = skipReason(completion, definitions);
            if (reason.isPresent()) {
                skipped.merge(reason.get(), 1L, Long::sum);
            } else if (completion.task().byExecution()) {
                programs.add(completion);
            } else {
                grade(completion, definitions, now, skipped).ifPresent(regraded::add);
            }
        }
        regraded.addAll(executed(programs, skipped));
        publish(regraded);
        LOG.infof("Run %s regraded: %d of %d completions read, %s left", runId, regraded.size(), completions.size(),
                skipped);
        return new RegradeReport(runId, completions.size(), regraded.size(), skipped,
                Flips.between(previous, regraded), pastRetention(previous, completions));
    }

    private static Optional<String> skipReason(Completion completion, Map<String, BenchmarkDefinition> definitions) {
        if (completion.task().purpose() != Purpose.EVAL) {
            return Optional.of("a judge's answer (graded with the answer it judged)");
        }
        if (completion.task().byRubric()) {
            return Optional.of("judged on a rubric (regrading would ask the judge again)");
        }
        return definitions.containsKey(completion.taskId().benchmarkId()) ? Optional.empty()
                : Optional.of("benchmark " + completion.taskId().benchmarkId() + " no longer defined");
    }

    private static Optional<Grade> grade(Completion completion, Map<String, BenchmarkDefinition> definitions,
            Instant now, Map<String, Long> skipped) {
        try {
            return Optional.of(Grader.regrade(completion,
                    definitions.get(completion.taskId().benchmarkId()).grading().scorers(), now));
        } catch (InvalidRecordException e) {
            // A changed headline is a changed settings hash: comparable scores need a new run, not a regrade.
            skipped.merge("not gradable by the current definition: " + e.getMessage(), 1L, Long::sum);
            return Optional.empty();
        }
    }

    /**
     * The code tasks' grades by running their programs again, at most the sandbox's slots at once (as live grading
     * does). A program the sandbox cannot run at all keeps its earlier grade: an UNGRADABLE error would replace a
     * verdict the model earned, so it is skipped with the sandbox's reason.
     */
    private List<Grade> executed(List<Completion> programs, Map<String, Long> skipped) {
        if (programs.isEmpty()) {
            return List.of();
        }
        List<Grade> graded = Multi.createFrom().iterable(programs)
                .onItem().transformToUni(completion -> code.execute(completion)
                        .onFailure(SandboxUnavailableException.class)
                        .recoverWithItem(e -> Grader.ungradableCode(completion, e.getMessage(), Instant.now())))
                .merge(code.slots()).collect().asList().await().indefinitely();
        List<Grade> ran = new ArrayList<>(graded.size());
        for (Grade grade : graded) {
            if (grade.evidence().errorKind() == ErrorKind.UNGRADABLE) {
                skipped.merge("not run again (" + grade.evidence().detail() + "); its earlier grade stands", 1L, Long::sum);
            } else {
                ran.add(grade);
            }
        }
        return ran;
    }

    private void publish(List<Grade> grades) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(grades.size());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("evalstream-grader-regrade",
                Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (Grade grade : grades) {
                sent.add(producer.send(new ProducerRecord<>(Topics.GRADES, grade.taskId().toString(),
                        GRADES.encode(grade))));
            }
            producer.flush();
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a regraded grade was not published (" + e.getCause().getMessage()
                    + "); the run keeps its earlier grades for the rest, and regrading again is safe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing regraded grades; regrading again is safe",
                    e);
        }
    }

    /** Graded tasks (answers, not judges' replies) the completions topic no longer holds, per (model, benchmark). */
    private static List<PastRetention> pastRetention(Map<String, Grade> previous, Map<String, Completion> kept) {
        Map<String, List<String>> gone = new TreeMap<>();
        previous.keySet().stream().filter(id -> !kept.containsKey(id)).sorted().forEach(id -> {
            TaskId task = TaskId.parse(id);
            if (!task.variant().startsWith(TaskId.JUDGE_VARIANT_PREFIX)) {
                gone.computeIfAbsent(task.modelId() + "/" + task.benchmarkId(), cell -> new ArrayList<>()).add(id);
            }
        });
        return gone.entrySet().stream().map(cell -> {
            String[] parts = cell.getKey().split("/", 2);
            List<String> ids = cell.getValue();
            return new PastRetention(parts[0], parts[1], ids.size(),
                    List.copyOf(ids.subList(0, Math.min(RegradeReport.SAMPLES, ids.size()))));
        }).toList();
    }

    private static boolean wanted(String key, String runId, Optional<String> benchmark, Optional<String> model) {
        if (!key.startsWith(runId + TaskId.SEPARATOR)) {
            return false;
        }
        String[] parts = key.split(TaskId.SEPARATOR, -1);
        return parts.length == 6 && model.map(parts[1]::equals).orElse(true)
                && benchmark.map(parts[2]::equals).orElse(true);
    }
}
