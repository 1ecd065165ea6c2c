package io.evalstream.aggregator.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.evalstream.aggregator.config.AggregatorConfig;
import io.evalstream.aggregator.streams.ScoreStores;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.Json;
import io.evalstream.contracts.KafkaClients;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.TaskId;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.export.SampleLine;
import io.evalstream.reports.scoring.TaskSample;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The per-sample export of a run: one {@link SampleLine} per task, from the task's latest grade, for audits and
 * re-grading. The latest-grade store says where each latest grade sits on the grades topic; the grade (extracted
 * answer, reference, detail...) is read back from there by {@link TopicRecords}, so the aggregator's state stays
 * small, and the prompt and completion from the completions-topic record it points at ({@link PointedCompletions}).
 * Memory is one offset per task and a chunk of grades; time is linear in the range of both topics the run spans.
 */
@ApplicationScoped
public class SampleExport {

    static final String NO_POSITION = "the aggregator stored this grade before it kept grade positions, so its"
            + " record cannot be found on the grades topic";

    private static final Logger LOG = Logger.getLogger(SampleExport.class);
    private static final WireFormat<Grade> GRADES = WireFormat.of(Grade.class);
    private static final ObjectWriter LINES = Json.mapper().writerFor(SampleLine.class);

    private final KafkaClients kafka;
    private final AggregatorConfig.Export config;

    SampleExport(KafkaClients kafka, AggregatorConfig aggregator) {
        this.kafka = kafka;
        this.config = aggregator.export();
    }

    /**
     * Which tasks to export and where their grades are.
     *
     * @param wanted     the tasks of the run to export
     * @param unsourced  wanted tasks whose latest grade has no recorded position
     */
    public record Plan(String runId, Predicate<TaskId> wanted, WantedOffsets offsets, long unsourced) {
    }

    /**
     * Scans the run's latest samples (linear in its tasks) for the positions of the wanted tasks' grades.
     *
     * @param model     only this model's tasks; null for every model
     * @param benchmark only this benchmark's tasks; null for every benchmark
     */
    public Plan plan(ScoreStores stores, String runId, String model, String benchmark) {
        Predicate<TaskId> wanted = task -> (model == null || model.equals(task.modelId()))
                && (benchmark == null || benchmark.equals(task.benchmarkId()));
        WantedOffsets offsets = new WantedOffsets();
        long unsourced = stores.latestSamples(runId, samples -> {
            long without = 0;
            for (TaskSample entry : samples) {
                if (wanted.test(entry.task())) {
                    SourcePosition source = entry.sample().origin().source();
                    if (source == null) {
                        without++;
                    } else {
                        offsets.add(source.partition(), source.offset());
                    }
                }
            }
            return without;
        });
        return new Plan(runId, wanted, offsets, unsourced);
    }

    /**
     * Writes one JSON line per planned task, partition by partition in offset order as the records are read, then
     * the tasks whose record could not be read (with {@code unavailable}). Grades that replace a planned one while
     * the export runs are not followed.
     */
    public void write(Plan plan, ScoreStores stores, OutputStream output) throws IOException {
        OutputStream out = new BufferedOutputStream(output, 1 << 16);
        Map<SourcePosition, String> missing = new HashMap<>();
        long[] read = {0};
        try (TopicRecords grades = new TopicRecords(kafka, Topics.GRADES, "grade", config.stallTimeout());
                TopicRecords completions = new TopicRecords(kafka, Topics.COMPLETIONS, "completion",
                        config.stallTimeout())) {
            PointedCompletions lines = new PointedCompletions(completions, line -> writeLine(line, out));
            for (int partition : plan.offsets().partitions()) {
                grades.read(partition, plan.offsets().offsets(partition), (offset, bytes) -> {
                    SourcePosition at = new SourcePosition(partition, offset);
                    String problem = lineOf(plan, at, bytes, lines);
                    if (problem == null) {
                        read[0]++;
                    } else {
                        missing.put(at, problem);
                    }
                }, (offset, why) -> missing.put(new SourcePosition(partition, offset), why));
                lines.flush();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (plan.unsourced() > 0 || !missing.isEmpty()) {
            writeUnavailable(plan, stores, missing, out);
        }
        out.flush();
        LOG.debugf("Exported run %s: %d grades read from %s, %d without position, %d unreadable", plan.runId(),
                read[0], Topics.GRADES, plan.unsourced(), missing.size());
    }

    /** Adds the grade record at {@code at} to the lines; returns why not when it is not a wanted grade. */
    private static String lineOf(Plan plan, SourcePosition at, byte[] bytes, PointedCompletions lines) {
        String where = "the record at " + Topics.GRADES + "-" + at.partition() + "@" + at.offset();
        return switch (GRADES.decode(bytes)) {
            case Decoded.Invalid<Grade> invalid -> where + " is not a valid grade: " + invalid.reason();
            case Decoded.Valid<Grade> valid -> {
                TaskId task = valid.value().taskId();
                if (!task.runId().equals(plan.runId()) || !plan.wanted().test(task)) {
                    yield where + " grades task " + task + ", not one of this export (was the topic recreated?)";
                }
                lines.add(valid.value(), at);
                yield null;
            }
        };
    }

    private static void writeUnavailable(Plan plan, ScoreStores stores, Map<SourcePosition, String> missing,
            OutputStream out) throws IOException {
        try {
            stores.latestSamples(plan.runId(), samples -> {
                for (TaskSample entry : samples) {
                    SourcePosition source = entry.sample().origin().source();
                    String why = source == null ? NO_POSITION : missing.get(source);
                    if (why != null && plan.wanted().test(entry.task())) {
                        writeLine(SampleLine.unavailable(entry.task(), entry.sample(), why), out);
                    }
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeLine(SampleLine line, OutputStream out) {
        try {
            out.write(LINES.writeValueAsBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an export line for " + line.task().taskId()
                    + "; the client probably went away", e);
        }
    }
}
