package org.spinj.datasets.window;

/**
 * Sliding windows of {@code window} steps, one starting every {@code stride} steps: window
 * {@code k} covers steps {@code [k * stride, k * stride + window)}.
 *
 * @param window the window length {@code T >= 1}
 * @param stride the distance between window starts, {@code >= 1}
 */
public record WindowSpec(int window, int stride) {

    /** Validates. */
    public WindowSpec {
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "window and stride must be >= 1, got window=" + window + ", stride=" + stride);
        }
    }

    /**
     * @param steps the series length
     * @return the number of windows that fit entirely, {@code (steps - window) / stride + 1}, or
     *     0 when the series is shorter than a window
     */
    public int numWindows(int steps) {
        return steps < window ? 0 : (steps - window) / stride + 1;
    }

    /**
     * @param k a window position
     * @return its first step
     */
    public int start(int k) {
        return k * stride;
    }

    /**
     * @return how many consecutive windows must be dropped between two splits so that no window
     *     shares a step with the other side: {@code ceil(window / stride)}
     */
    public int gap() {
        return (window + stride - 1) / stride;
    }
}
