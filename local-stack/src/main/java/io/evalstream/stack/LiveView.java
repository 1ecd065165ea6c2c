package io.evalstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/**
 * Shows the run's progress while it goes: redrawn in place on a terminal, one block every few seconds
 * when the output is a file or a pipe.
 */
final class LiveView {

    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private int linesDrawn;
    private long lastPlain;
    private long lastGraded = -1;

    LiveView(PrintStream out) {
        this.out = out;
    }

    void show(JsonNode report) {
        long graded = Reports.graded(report);
        if (graded == lastGraded) {
            return;
        }
        lastGraded = graded;
        String block = String.format("Progress: %d of %d graded%s%n", graded, Reports.expected(report),
                Reports.eta(report)) + Reports.progress(report);
        if (terminal) {
            if (linesDrawn > 0) {
                out.print("\033[" + linesDrawn + "F\033[J");
            }
            out.print(block);
            linesDrawn = (int) block.lines().count();
        } else if (System.nanoTime() - lastPlain > PLAIN_INTERVAL_NANOS || Reports.isComplete(report)) {
            lastPlain = System.nanoTime();
            out.print(block);
        }
        out.flush();
    }
}
