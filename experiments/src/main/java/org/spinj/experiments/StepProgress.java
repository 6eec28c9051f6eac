package org.spinj.experiments;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of a run of steps that is not training (evaluation batches, imputation batches, a
 * sweep's passes) on stderr, like {@link ProgressMonitor}'s: on a terminal one line rewritten in
 * place with the step, what it is doing and the ETA; otherwise (or with {@code CI=true}) a plain
 * line at every quarter; nothing with {@code --quiet}. {@link #finish()} prints the total time.
 */
public final class StepProgress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean tty;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastQuarter;

    /**
     * @param err where progress goes
     * @param quiet print nothing
     * @param tty redraw one line in place
     * @param label what runs, e.g. {@code evaluate}
     * @param total the number of steps, at least 1
     */
    public StepProgress(PrintWriter err, boolean quiet, boolean tty, String label, long total) {
        this.err = Objects.requireNonNull(err, "err");
        this.label = Objects.requireNonNull(label, "label");
        if (total < 1) {
            throw new IllegalArgumentException(label + ": expected at least 1 step, got " + total);
        }
        this.quiet = quiet;
        this.tty = tty;
        this.total = total;
    }

    /** @return the steps done so far */
    public long completed() {
        return done;
    }

    /**
     * Counts one finished step.
     *
     * @param detail what the step belonged to (e.g. {@code p=0.50 seed 1043}), or empty
     */
    public void step(String detail) {
        done++;
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        String eta = ProgressMonitor.formatSeconds(elapsed / done * (total - done));
        String what = detail.isEmpty() ? "" : "  " + detail;
        if (tty) {
            if (now - lastDraw < REDRAW_NANOS && done < total) {
                return;
            }
            lastDraw = now;
            err.print(String.format(Locale.ROOT, "\r%s %d/%d%s  ETA %s   ", label, done, total,
                    what, eta));
            err.flush();
            return;
        }
        int quarter = (int) (4 * done / total);
        if (quarter > lastQuarter) {
            lastQuarter = quarter;
            err.println(String.format(Locale.ROOT, "%s %d/%d (%d%%)%s  ETA %s", label, done, total,
                    100 * done / total, what, eta));
            err.flush();
        }
    }

    /** Ends the progress line with the total time. */
    public void finish() {
        if (quiet) {
            return;
        }
        if (tty) {
            err.print("\r");
        }
        err.println(String.format(Locale.ROOT, "%s: %d steps in %s", label, done,
                ProgressMonitor.formatSeconds((System.nanoTime() - start) / 1e9)));
        err.flush();
    }
}
