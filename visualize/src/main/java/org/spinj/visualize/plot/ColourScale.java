package org.spinj.visualize.plot;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A sequential white-yellow-red paint scale (matplotlib's "YlOrRd" look) for attention and error
 * values: low values are pale, high values dark red. Values outside the bounds are clamped.
 */
public final class ColourScale implements PaintScale, Serializable {

    private static final long serialVersionUID = 1L;

    private static final Color[] STOPS = {
        new Color(255, 255, 229),
        new Color(254, 227, 145),
        new Color(254, 153, 41),
        new Color(236, 112, 20),
        new Color(204, 76, 2),
        new Color(140, 45, 4)
    };

    private final double lower;
    private final double upper;

    /**
     * Creates a scale.
     *
     * @param lower the value drawn palest, finite
     * @param upper the value drawn darkest, finite and {@code > lower}
     */
    public ColourScale(double lower, double upper) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || upper <= lower) {
            throw new IllegalArgumentException(
                    "expected finite bounds with lower < upper, got lower=" + lower + ", upper="
                            + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * A scale from 0 to {@code max}, or to 1 when {@code max} is not positive (an all-zero map).
     *
     * @param max the largest value to show
     * @return the scale
     */
    public static ColourScale upTo(double max) {
        return new ColourScale(0, max > 0 && Double.isFinite(max) ? max : 1);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    /**
     * @param value a value; clamped to the bounds, NaN drawn as the lowest colour
     * @return its colour
     */
    public Color colour(double value) {
        double f = Double.isNaN(value) ? 0 : (value - lower) / (upper - lower);
        f = Math.max(0, Math.min(1, f)) * (STOPS.length - 1);
        int k = Math.min((int) f, STOPS.length - 2);
        double u = f - k;
        Color a = STOPS[k];
        Color b = STOPS[k + 1];
        return new Color(
                (int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }
}
