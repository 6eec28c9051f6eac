package org.spinj.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void shortValuesStayWholeAndLongOnesKeepTheirHeadAndLength() {
        assertThat(Excerpt.of("abc")).isEqualTo("abc");
        assertThat(Excerpt.of(null)).isEqualTo("null");
        String hundred = "x".repeat(Excerpt.MAX_CHARS);
        assertThat(Excerpt.of(hundred)).isEqualTo(hundred);
        assertThat(Excerpt.of("y".repeat(20_000_000)))
                .isEqualTo("y".repeat(Excerpt.MAX_CHARS) + "… (20000000 characters)");
        // a surrogate pair is never split
        String emoji = "a".repeat(Excerpt.MAX_CHARS - 1) + "\uD83D\uDE00" + "b";
        assertThat(Excerpt.of(emoji)).startsWith("a".repeat(Excerpt.MAX_CHARS - 1) + "…");
    }

    @Test
    void longMessagesKeepHeadAndTail() {
        String msg = "file.csv:3: bad value " + "z".repeat(50_000) + ", expected a number";
        String cut = Excerpt.ofMessage(msg);
        assertThat(cut).hasSizeLessThanOrEqualTo(10 * Excerpt.MAX_CHARS + 40)
                .startsWith("file.csv:3: bad value zzz").endsWith(", expected a number")
                .contains("characters cut");
        assertThat(Excerpt.ofMessage("short")).isEqualTo("short");
        assertThat(Excerpt.ofMessage(null)).isNull();
    }
}
