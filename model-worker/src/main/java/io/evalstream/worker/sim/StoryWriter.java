package io.evalstream.worker.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continues a story beginning the way a small TinyStories model might: sentences assembled from pieces,
 * about the hero the beginning names. A well-written continuation follows the arc setup, event,
 * problem, help, ending; a careless one skips and shuffles steps, repeats itself, loses its hero and
 * makes grammar slips, the more so the lower the writer's skill.
 */
final class StoryWriter {

    private static final List<String> GIRLS = List.of("Lily", "Sue", "Mia", "Anna", "Lucy", "Amy", "Sara");
    private static final List<String> BOYS = List.of("Tom", "Max", "Ben", "Sam", "Tim", "Jack", "Leo");
    private static final List<String> ANIMALS = List.of("dog", "cat", "bird", "bear", "bunny", "frog", "fish",
            "duck", "mouse", "puppy", "kitten");
    private static final List<String> THINGS = List.of("ball", "kite", "box", "toy car", "red hat", "book", "boat");
    private static final List<String> PLACES = List.of("park", "garden", "forest", "beach", "lake", "hill");
    private static final List<List<String>> ARC = List.of(
            List.of("{H} loved to play with {pos} {thing} every day.",
                    "{H} lived in a small house with {pos} mom and dad.",
                    "{P} was always curious about the world."),
            List.of("One day, {h} went to the {place} with {pos} friend.",
                    "One sunny morning, {h} found a shiny {thing} under a tree.",
                    "Then {h} saw something strange near the {place}."),
            List.of("But the {thing} was stuck, and {h} felt sad.",
                    "Suddenly, a big wind came and took the {thing} away.",
                    "{P} wanted to go home, but {p} did not know the way."),
            List.of("A kind old owl said, \"Do not worry, I will help you.\"",
                    "{H} thought hard and had a clever idea.",
                    "{Pos} friend came to help, and they worked together."),
            List.of("In the end, {h} was very happy and said thank you.",
                    "From that day on, {h} always shared with others.",
                    "{H} learned that being brave is good, and {p} smiled."));
    private static final Pattern SLOT = Pattern.compile("\\{(H|h|P|p|Pos|pos|thing|place)}");

    private StoryWriter() {
    }

    /**
     * A continuation of {@code beginning}, at most {@code maxChars} long.
     *
     * @param careful true for a well-written story; false for a careless one
     * @param skill   the writer's skill in [0, 1]: a lower skill slips more often
     */
    static String write(String beginning, boolean careful, double skill, SplittableRandom random, int maxChars) {
        Hero hero = hero(beginning, random);
        String thing = THINGS.get(random.nextInt(THINGS.size()));
        String place = PLACES.get(random.nextInt(PLACES.size()));
        double slip = careful ? 0.1 * (1 - skill) : 0.25 + 0.5 * (1 - skill);
        List<String> sentences = new ArrayList<>();
        for (List<String> step : ARC) {
            if (!careful && !sentences.isEmpty() && random.nextDouble() < 0.35) {
                continue;
            }
            String sentence = fill(step.get(random.nextInt(step.size())), hero, thing, place);
            sentences.add(random.nextDouble() < slip ? Slips.apply(sentence, random) : sentence);
            if (!careful && random.nextDouble() < slip) {
                sentences.add(sentences.getLast()); // a small model's loop
            }
        }
        if (!careful && sentences.size() > 1 && random.nextDouble() < slip) {
            // The hero changes name half-way: the beginning is forgotten.
            int last = sentences.size() - 1;
            sentences.set(last, sentences.get(last).replace(hero.name(), stranger(hero, random)));
        }
        String opening = ending(beginning) ? " " : ", and " + hero.pronoun() + " was happy. ";
        return cut(opening + String.join(" ", sentences), maxChars);
    }

    private record Hero(String name, String pronoun, String possessive) {
    }

    /** The name in the beginning if it has one, else the animal it mentions, else a new child. */
    private static Hero hero(String beginning, SplittableRandom random) {
        for (String word : beginning.split("[^A-Za-z]+")) {
            if (GIRLS.contains(word)) {
                return new Hero(word, "she", "her");
            }
            if (BOYS.contains(word)) {
                return new Hero(word, "he", "his");
            }
        }
        String lower = beginning.toLowerCase(Locale.ROOT);
        for (String animal : ANIMALS) {
            if (lower.matches(".*\\b" + animal + "\\b.*")) {
                return new Hero("the " + animal, "it", "its");
            }
        }
        return random.nextBoolean() ? new Hero(GIRLS.get(random.nextInt(GIRLS.size())), "she", "her")
                : new Hero(BOYS.get(random.nextInt(BOYS.size())), "he", "his");
    }

    private static String stranger(Hero hero, SplittableRandom random) {
        List<String> others = new ArrayList<>(GIRLS);
        others.addAll(BOYS);
        others.remove(hero.name());
        return others.get(random.nextInt(others.size()));
    }

    private static String fill(String template, Hero hero, String thing, String place) {
        Matcher slot = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (slot.find()) {
            String value = switch (slot.group(1)) {
                case "H", "h" -> hero.name();
                case "P", "p" -> hero.pronoun();
                case "Pos", "pos" -> hero.possessive();
                case "thing" -> thing;
                default -> place;
            };
            boolean capital = Character.isUpperCase(slot.group(1).charAt(0));
            slot.appendReplacement(out, Matcher.quoteReplacement(capital ? capitalize(value) : value));
        }
        slot.appendTail(out);
        return out.toString();
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static boolean ending(String beginning) {
        String trimmed = beginning.strip();
        return trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?");
    }

    /** Cut at a word boundary, as a model stopped by its token limit would be. */
    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int space = text.lastIndexOf(' ', maxChars);
        return text.substring(0, space > 0 ? space : maxChars);
    }
}
