package io.evalstream.worker.sim;

import io.evalstream.contracts.Completion;
import io.evalstream.contracts.ErrorKind;
import io.evalstream.contracts.Extraction;
import io.evalstream.contracts.Metric;
import io.evalstream.contracts.PromptTask;
import io.evalstream.contracts.Purpose;
import io.evalstream.contracts.TaskId;
import io.evalstream.worker.sim.SimulatedAnswer.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded stand-in for a model, for load tests and demos. Its answer to a task is a pure function of
 * the profile and the task id without its run id: the same model answers the same item the same way in
 * every run (as greedy decoding would), so scoreboards are reproducible, whatever the thread or order.
 * The texts carry the grader's expected answer format, start with {@value #LABEL}, and hold no other
 * digit or stand-alone letter that an extractor could mistake for an answer. Open-ended tasks (extraction
 * TEXT) get a story continuation and judge tasks a judgement in the rubric's reply format, both without
 * the label (the completion's {@code simulated} flag says they are made up).
 */
public final class SimulatedModel {

    public static final String LABEL = "[simulated]";
    static final List<String> LETTERS = List.of("A", "B", "C", "D");

    /** Roughly, for English text: keeps a story within the task's token limit. */
    private static final int CHARS_PER_TOKEN = 4;

    /** Longer than any sensible timeout; keeps an extreme log-normal draw finite. */
    private static final Duration MAX_LATENCY = Duration.ofMinutes(10);

    /** Seeds the format slips apart from the answers, so a slip rate leaves every answer as it was. */
    private static final long SLIP_STREAM = 0x51_1905L;

    private final SimProfile profile;
    private final double formatSlipRate;

    public SimulatedModel(SimProfile profile) {
        this(profile, 0);
    }

    /** @param formatSlipRate share of answers stated without the benchmark's answer phrase, in [0, 1] */
    public SimulatedModel(SimProfile profile, double formatSlipRate) {
        if (!(formatSlipRate >= 0 && formatSlipRate <= 1)) {
            throw new IllegalArgumentException("format-slip-rate must be between 0 and 1, got " + formatSlipRate);
        }
        this.profile = profile;
        this.formatSlipRate = formatSlipRate;
    }

    public SimulatedAnswer answer(PromptTask task) {
        TaskId id = task.taskId();
        // Draws happen in a fixed order, so each decision depends on the task alone.
        String draws = withoutRun(id);
        SplittableRandom random = new SplittableRandom(StableHash.of(profile.seed(), draws));
        double failure = random.nextDouble();
        double answer = random.nextDouble();
        Duration latency = latency(random.nextGaussian());
        if (failure < profile.errorRate()) {
            ErrorKind kind = profile.errorKind(random.nextDouble());
            return new SimulatedAnswer(Outcome.ERROR, LABEL + " " + kind.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ", drawn at error-rate " + profile.errorRate(), latency, kind);
        }
        double accuracy = profile.accuracyFor(id.benchmarkId(), task.category());
        if (task.byLikelihood()) {
            // A likelihood always exists: no NO_ANSWER, only the reference first or not.
            boolean first = answer < accuracy;
            return new SimulatedAnswer(first ? Outcome.CORRECT : Outcome.WRONG, LABEL + " scored by likelihood",
                    latency, null, SimLikelihoods.scores(task, first, accuracy, random));
        }
        Outcome outcome = answer < accuracy ? Outcome.CORRECT
                : answer < accuracy + profile.noAnswerRate() ? Outcome.NO_ANSWER : Outcome.WRONG;
        boolean slip = formatSlipRate > 0
                && new SplittableRandom(StableHash.of(profile.seed() ^ SLIP_STREAM, draws)).nextDouble() < formatSlipRate;
        return new SimulatedAnswer(outcome, text(task, outcome, accuracy, random, slip), latency);
    }

    private static String text(PromptTask task, Outcome outcome, double accuracy, SplittableRandom random,
            boolean slip) {
        if (task.purpose() == Purpose.JUDGE) {
            Completion subject = task.subject();
            JudgePrompt prompt = JudgePrompt.read(task.prompt(), subject.text() == null ? "" : subject.text());
            return outcome == Outcome.NO_ANSWER ? "I cannot rate this story."
                    : StoryJudge.reply(subject.task().prompt(), prompt, outcome == Outcome.CORRECT, random);
        }
        if (task.answerForm() == Extraction.TEXT) {
            // A story is not marked with the label: a judge would read it as part of the story.
            return outcome == Outcome.NO_ANSWER ? "" : StoryWriter.write(task.prompt(), outcome == Outcome.CORRECT,
                    accuracy, random, CHARS_PER_TOKEN * task.settings().maxTokens());
        }
        return switch (outcome) {
            case CORRECT -> text(task.answerForm(), canonical(task), slip);
            case NO_ANSWER -> LABEL + " unable to settle on any final answer here.";
            default -> text(task.answerForm(), wrong(task, random), slip);
        };
    }

    /** The task's id without its run: the same item, variant and sample draw the same in every run. */
    private static String withoutRun(TaskId id) {
        return String.join(TaskId.SEPARATOR, id.modelId(), id.benchmarkId(), id.itemId(), id.variant(),
                Integer.toString(id.sample()));
    }

    private Duration latency(double gaussian) {
        if (profile.latencyMedian().isZero()) {
            return Duration.ZERO;
        }
        double nanos = profile.latencyMedian().toNanos() * Math.exp(profile.latencySigma() * gaussian);
        return nanos >= MAX_LATENCY.toNanos() ? MAX_LATENCY : Duration.ofNanos(Math.round(nanos));
    }

    /**
     * The answer in the form the benchmark's few-shot examples end with (GSM8K's "The answer is N.", MATH's boxed
     * answer and Minerva's "Final Answer: The final answer is $X$. I hope it is correct."); a {@code slip} drops the
     * answer phrase and states the answer in passing, which only a flexible extraction still finds.
     */
    private static String text(Extraction extraction, String answer, boolean slip) {
        return switch (extraction) {
            case NUMERIC -> slip ? LABEL + " working through the problem step by step, which comes to " + answer
                    + " in all." : LABEL + " working through the problem step by step. The answer is " + answer + ".";
            case MULTIPLE_CHOICE -> LABEL + " weighing each option in turn. The answer is (" + answer + ").";
            case BOXED -> LABEL + " simplifying as far as it goes gives $\\boxed{" + answer + "}$." + (slip ? ""
                    : " Final Answer: The final answer is $" + answer + "$. I hope it is correct.");
            case ANSWER_LINE -> LABEL + " recalling what fits best. The answer is " + answer + ".";
            // A comment line keeps the continuation valid Python wherever the label goes.
            case CODE -> "    # " + LABEL + "\n" + answer;
            case TEXT -> throw new IllegalStateException("stories are written by StoryWriter");
            case LIKELIHOOD -> throw new IllegalStateException("likelihoods are drawn by SimLikelihoods");
        };
    }

    /** An answer its grader scores as not correct, in the form a model would give it. */
    private static String wrong(PromptTask task, SplittableRandom random) {
        return switch (task.answerForm()) {
            case NUMERIC -> wrongNumber(task.reference(), random);
            case MULTIPLE_CHOICE -> wrongLetter(canonical(task), random);
            case BOXED -> isNumber(task.reference()) ? wrongNumber(task.reference(), random)
                    : task.reference().trim() + "+" + (1 + random.nextInt(9));
            case ANSWER_LINE -> Metric.TOKEN_F1.name().equals(task.metric()) ? partly(task.reference()) : "something else entirely";
            case CODE -> "    raise NotImplementedError\n";
            case TEXT -> throw new IllegalStateException("stories are written by StoryWriter");
            case LIKELIHOOD -> throw new IllegalStateException("likelihoods are drawn by SimLikelihoods");
        };
    }

    /** Half the reference's words, so token F1 gives the partial credit a near miss earns; none for one word. */
    static String partly(String reference) {
        String[] words = reference.trim().split("\\s+");
        return words.length < 2 ? "something else entirely"
                : String.join(" ", Arrays.copyOf(words, words.length / 2)) + " or thereabouts";
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String canonical(PromptTask task) {
        return switch (task.answerForm()) {
            case MULTIPLE_CHOICE -> task.reference().trim().toUpperCase(Locale.ROOT);
            // Indentation is syntax in a code continuation.
            case CODE -> task.reference();
            default -> task.reference().trim();
        };
    }

    /** The reference moved by 1 to 9 either way; any number when the reference is not one. */
    static String wrongNumber(String reference, SplittableRandom random) {
        int offset = (1 + random.nextInt(9)) * (random.nextBoolean() ? 1 : -1);
        try {
            return new BigDecimal(reference.trim()).add(BigDecimal.valueOf(offset)).toPlainString();
        } catch (NumberFormatException e) {
            return Integer.toString(Math.abs(offset));
        }
    }

    /** One of A-D other than the reference. */
    static String wrongLetter(String reference, SplittableRandom random) {
        List<String> others = LETTERS.stream().filter(letter -> !letter.equals(reference)).toList();
        return others.get(random.nextInt(others.size()));
    }
}
