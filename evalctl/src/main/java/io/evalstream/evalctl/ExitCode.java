package io.evalstream.evalctl;

/** What evalctl's exit status means; scripts and CI jobs branch on these. */
public final class ExitCode {

    public static final int OK = 0;
    /** A bug in evalctl: the message says what failed. */
    public static final int FAILED = 1;
    /** The command line is wrong (picocli's own code). */
    public static final int USAGE = 2;
    /** A service or the Kafka broker could not be reached. */
    public static final int UNREACHABLE = 3;
    /** The input was refused: an invalid file, or a 4xx answer (bad spec, unknown run, missing or wrong token). */
    public static final int REFUSED = 4;
    /** A service answered with a 5xx, or Kafka did not acknowledge a record. */
    public static final int SERVICE_ERROR = 5;
    /** {@code watch} gave up before the run completed. */
    public static final int TIMED_OUT = 6;
    /** {@code compare --fail-on-seesaw} or {@code --fail-on-loss} found what it was asked to fail on. */
    public static final int GATE = 7;

    private ExitCode() {
    }
}
