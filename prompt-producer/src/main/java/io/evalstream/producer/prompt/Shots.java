package io.evalstream.producer.prompt;

/** The one check every template makes before taking exemplars from its pool. */
final class Shots {

    private Shots() {
    }

    static void check(int shots, int available) {
        if (shots > available) {
            throw new IllegalArgumentException(
                    "settings.shots is " + shots + " but only " + available + " few-shot exemplars are available");
        }
    }
}
