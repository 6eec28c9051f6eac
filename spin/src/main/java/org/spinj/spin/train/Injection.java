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
 *   <li>{@link #OUTAGES}: point whitening, and in half of the windows (a fair coin) also a
 *       network-wide outage: every node hidden over one block of {@code 1..T/2} consecutive
 *       steps, placed uniformly in the window. Point whitening almost never hides a whole step (at
 *       {@code p = 0.8} and 36 nodes, one step in 3,000), so a model trained on it alone never
 *       learns to bridge hours in which no sensor reports, which real evaluation masks contain
 *       (AQI-36's March and December: more than half of the targets).
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
    HYBRID,
    /** Point whitening plus, in half of the windows, one block of steps hidden at every node. */
    OUTAGES;

    /**
     * @param text {@code points}, {@code historical}, {@code hybrid} or {@code outages}, any case
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
                "unknown injection '" + text + "'; expected points, historical, hybrid or outages");
    }

    /** @return the name used on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
