package io.evalstream.worker.sim;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/** The grammar slips of a small language model, one per call, for {@link StoryWriter}. */
final class Slips {

    private static final List<UnaryOperator<String>> SLIPS = List.of(
            s -> s.replaceFirst(" was ", " were ").replaceFirst(" is ", " are "),
            s -> s.replaceFirst(" went ", " go ").replaceFirst(" saw ", " see ").replaceFirst(" found ", " find "),
            s -> s.replaceFirst(" the ", " ").replaceFirst(" a ", " "),
            s -> Character.toLowerCase(s.charAt(0)) + s.substring(1),
            s -> s.endsWith(".") ? s.substring(0, s.length() - 1) + " and and" : s + " and",
            Slips::doubleWord);

    private Slips() {
    }

    static String apply(String sentence, SplittableRandom random) {
        String slipped = SLIPS.get(random.nextInt(SLIPS.size())).apply(sentence);
        // A slip that found nothing to change falls back to a repeated word, so every slip shows.
        return slipped.equals(sentence) ? doubleWord(sentence) : slipped;
    }

    private static String doubleWord(String sentence) {
        int space = sentence.indexOf(' ');
        String first = space < 0 ? sentence : sentence.substring(0, space);
        return first + " " + sentence;
    }
}
