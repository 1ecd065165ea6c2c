package io.evalstream.evalctl;

import io.evalstream.contracts.Decoded;
import io.evalstream.contracts.InvalidRecordException;
import io.evalstream.contracts.WireFormat;
import io.evalstream.reports.export.ExportedRun;
import io.evalstream.reports.export.SampleLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-sample export ({@code GET /runs/RUN/samples}, JSON Lines), each line decoded and checked as the report
 * will read it, so a bad line is reported with its number and what is wrong.
 *
 * @param samples  the valid lines, in file order
 * @param problems one message per bad line ("line 3: ..."), in file order
 */
record ExportLines(List<SampleLine> samples, List<String> problems) {

    private static final WireFormat<SampleLine> LINE = WireFormat.of(SampleLine.class);

    ExportLines {
        samples = List.copyOf(samples);
        problems = List.copyOf(problems);
    }

    /** Blank lines are skipped. */
    static ExportLines parse(String text) {
        List<SampleLine> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            switch (LINE.decode(line.getBytes(StandardCharsets.UTF_8))) {
                case Decoded.Invalid<SampleLine> invalid -> problems.add("line " + (i + 1) + ": " + invalid.reason());
                case Decoded.Valid<SampleLine> valid -> {
                    try {
                        ExportedRun.sample(valid.value());
                        samples.add(valid.value());
                    } catch (IllegalArgumentException | InvalidRecordException e) {
                        problems.add("line " + (i + 1) + ": " + e.getMessage());
                    }
                }
            }
        }
        return new ExportLines(samples, problems);
    }
}
