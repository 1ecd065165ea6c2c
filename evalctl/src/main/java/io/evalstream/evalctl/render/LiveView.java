package io.evalstream.evalctl.render;

import io.evalstream.reports.scoring.RunReport;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Shows the run's progress while it goes, and its errors by kind with a sample reason once there are any: redrawn in
 * place on a terminal, one block every few seconds when the output is a file or a pipe.
 */
public final class LiveView {

    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private int linesDrawn;
    private long lastPlain;
    private long lastGraded = -1;

    /** On standard output: redrawn in place when that is a terminal. */
    public LiveView(PrintStream out) {
        this(new PrintWriter(out, true), System.console() != null);
    }

    /** @param terminal whether {@code out} is a terminal, where ANSI cursor moves redraw the block in place */
    public LiveView(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(RunReport report) {
        long graded = Reports.graded(report);
        if (graded == lastGraded) {
            return;
        }
        lastGraded = graded;
        String block = String.format("Progress: %d of %d graded%s%n", graded, Reports.expected(report),
                Reports.eta(report)) + Reports.progress(report) + Reports.cost(report) + Reports.errors(report);
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
