package io.evalstream.contracts;

/** Text helpers shared by every module that shows a reason or an answer in a bounded space. */
public final class Texts {

    /** A value quoted inside an error message. */
    public static final int IN_A_MESSAGE = 80;
    /** A record key quoted in a log line. */
    public static final int KEY_IN_A_LOG = 200;

    private Texts() {
    }

    /**
     * The text itself when it has at most {@code max} characters, else its first {@code max - 1} and an ellipsis;
     * null stays null.
     */
    public static String abbreviate(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("an abbreviation keeps at least 1 character, not " + max);
        }
        if (text == null || text.length() <= max) {
            return text;
        }
        // Never split a surrogate pair: half a character would not encode.
        int end = max >= 2 && Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
