package org.spinj.spin.train;

import java.util.Locale;

/**
 * Which inputs a training step hides from the model (and then scores it on).
 *
 * <ul>
 *   <li>{@link #POINTS}: SPIN's whitening (spin.md §2.3): every available input is dropped
 *       independently with a probability {@code p} drawn per window from {@link
 *       TrainingOptions#whitenProbabilities()}.
 *   <li>{@link #HISTORICAL}: the window is masked with the missing-data pattern of another,
 *       randomly chosen training window (CSDI's "historical" strategy, Tashiro et al. 2021):
 *       whatever that window lacks (real gaps and the evaluation mask's blocks inside the training
 *       period) is hidden here. The gaps keep their real shapes, blocks of consecutive steps,
 *       which point whitening never produces.
 *   <li>{@link #HYBRID}: per window, a fair coin picks {@link #POINTS} or {@link #HISTORICAL}
 *       (PriSTI's "hybrid" strategy, Liu et al. 2023).
 * </ul>
 *
 * Only training windows supply patterns, so nothing from the validation or test period reaches
 * training; the loss is always on the hidden points that were available.
 */
public enum Injection {
    /** SPIN's point whitening (the paper's protocol). */
    POINTS,
    /** Another training window's missing-data pattern. */
    HISTORICAL,
    /** Points or historical, a fair coin per window. */
    HYBRID;

    /**
     * @param text {@code points}, {@code historical} or {@code hybrid}, any case
     * @return the injection
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Injection parse(String text) {
        for (Injection i : values()) {
            if (i.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "unknown injection '" + text + "'; expected points, historical or hybrid");
    }

    /** @return the name used on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
