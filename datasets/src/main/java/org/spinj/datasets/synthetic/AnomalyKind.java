package org.spinj.datasets.synthetic;

/** The anomalies {@link SineAnomalies} inserts into a sine wave. */
public enum AnomalyKind {
    /** A normal sample, no anomaly. */
    NONE,
    /** The segment holds the value of its first step (the seed's "flat" anomaly). */
    FLAT,
    /** The segment is zero (a dead sensor). */
    ZEROS,
    /** The segment is Gaussian noise with the wave's amplitude as standard deviation. */
    NOISE,
    /** One step jumps by 2..4 amplitudes, up or down. */
    SPIKE
}
