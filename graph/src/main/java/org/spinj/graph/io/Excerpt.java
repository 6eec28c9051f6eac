package org.spinj.graph.io;

/**
 * Short excerpts of values quoted in error messages, so that a huge cell, option value or key
 * read from a file never floods the one-line error: a value longer than {@value #MAX_CHARS}
 * characters keeps its head and is followed by an ellipsis and its full length.
 */
public final class Excerpt {

    /** The longest value quoted whole. */
    public static final int MAX_CHARS = 100;

    private Excerpt() {}

    /**
     * @param value a value to quote in a message, may be null
     * @return {@code value} itself when short, otherwise its first {@value #MAX_CHARS} characters,
     *     an ellipsis and the full length, e.g. {@code "aaaa…" (20000000 characters)}; {@code
     *     "null"} for null
     */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_CHARS) {
            return value;
        }
        int cut = MAX_CHARS;
        if (Character.isHighSurrogate(value.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return value.substring(0, cut) + "… (" + value.length() + " characters)";
    }

    /**
     * Shortens a whole message that may embed long values the caller did not cut: a message over
     * {@code 10 * MAX_CHARS} characters keeps its head and tail around an ellipsis.
     *
     * @param message a message, may be null
     * @return the message, shortened if needed
     */
    public static String ofMessage(String message) {
        int max = 10 * MAX_CHARS;
        if (message == null || message.length() <= max) {
            return message;
        }
        int head = max / 2;
        int tail = max / 2 - 40;
        return message.substring(0, head) + " … (" + (message.length() - head - tail)
                + " characters cut) … " + message.substring(message.length() - tail);
    }
}
