package io.evalstream.aggregator.export;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.Exchange;
import io.evalstream.contracts.Grade;
import io.evalstream.contracts.SourcePosition;
import io.evalstream.contracts.Topics;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.export.SampleLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Completes the export lines of grades that point at their completion instead of copying its prompt and text: the
 * grades are held in chunks, and each chunk's completions are read from the completions topic, partition by
 * partition in offset order, before its lines go out in the order the grades came. A task's completion and grade
 * are keyed alike, so with equal partition counts a chunk of one grades partition reads one completions partition,
 * forward. Memory is one chunk of grades and their texts.
 */
final class PointedCompletions {

    static final int CHUNK = 1_000;

    private static final WireFormat<Completion> COMPLETIONS = WireFormat.of(Completion.class);

    private record Pending(Grade grade, SourcePosition source) {
    }

    private final TopicRecords completions;
    private final Consumer<SampleLine> lines;
    private final List<Pending> pending = new ArrayList<>(CHUNK);

    /** @param lines where each finished line goes, in the order the grades were added */
    PointedCompletions(TopicRecords completions, Consumer<SampleLine> lines) {
        this.completions = completions;
        this.lines = lines;
    }

    /** Adds the grade read at {@code source}; its line goes out at once when it copies its exchange. */
    void add(Grade grade, SourcePosition source) {
        if (grade.exchange().completionAt() == null && pending.isEmpty()) {
            lines.accept(SampleLine.of(grade, source));
            return;
        }
        pending.add(new Pending(grade, source));
        if (pending.size() == CHUNK) {
            flush();
        }
    }

    /** Reads the pending grades' completions and writes their lines. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        WantedOffsets wanted = new WantedOffsets();
        Set<SourcePosition> distinct = new HashSet<>();
        for (Pending each : pending) {
            SourcePosition at = each.grade().exchange().completionAt();
            if (at != null && distinct.add(at)) {
                wanted.add(at.partition(), at.offset());
            }
        }
        Map<SourcePosition, Completion> read = new HashMap<>();
        Map<SourcePosition, String> missing = new HashMap<>();
        for (int partition : wanted.partitions()) {
            completions.read(partition, wanted.offsets(partition), (offset, bytes) -> {
                SourcePosition at = new SourcePosition(partition, offset);
                switch (COMPLETIONS.decode(bytes)) {
                    case Decoded.Valid<Completion> valid -> read.put(at, valid.value());
                    case Decoded.Invalid<Completion> invalid -> missing.put(at, "the completion record at "
                            + where(at) + " is not a valid completion: " + invalid.reason());
                }
            }, (offset, why) -> missing.put(new SourcePosition(partition, offset), why));
        }
        for (Pending each : pending) {
            lines.accept(line(each, read, missing));
        }
        pending.clear();
    }

    private static SampleLine line(Pending pending, Map<SourcePosition, Completion> read,
            Map<SourcePosition, String> missing) {
        Grade grade = pending.grade();
        SourcePosition at = grade.exchange().completionAt();
        if (at == null) {
            return SampleLine.of(grade, pending.source());
        }
        Completion completion = read.get(at);
        if (completion == null) {
            return SampleLine.of(grade, pending.source(), Exchange.NONE, missing.get(at));
        }
        if (!completion.taskId().equals(grade.taskId())) {
            return SampleLine.of(grade, pending.source(), Exchange.NONE, "the completion record at " + where(at)
                    + " answers task " + completion.taskId() + ", not this one (was the topic recreated?)");
        }
        return SampleLine.of(grade, pending.source(), Exchange.copied(completion.task().prompt(), completion.text()),
                null);
    }

    private static String where(SourcePosition at) {
        return Topics.COMPLETIONS + "-" + at.partition() + "@" + at.offset();
    }
}
