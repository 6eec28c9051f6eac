package org.spinj.experiments;

import java.io.PrintWriter;
import java.util.Locale;
import org.spinj.spin.train.EpochMetrics;
import org.spinj.spin.train.TrainingMonitor;

/**
 * Shows training progress on stderr: on a terminal one line rewritten in place ({@code \r}) with
 * epoch, step, loss and ETA; otherwise (or with {@code CI=true}) one plain line per epoch; nothing
 * with {@code --quiet}. {@link #requestStop()} makes the trainer stop after the current step and
 * write its checkpoint (Ctrl-C, see {@link InterruptHook}).
 */
public final class ProgressMonitor implements TrainingMonitor {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean tty;
    private final int maxEpochs;
    private final long start = System.nanoTime();
    private volatile boolean stop;
    private long lastDraw;
    private long stepsDone;

    /**
     * @param err where progress goes
     * @param quiet print nothing
     * @param tty redraw one line in place
     * @param maxEpochs the epoch limit, for the ETA
     */
    public ProgressMonitor(PrintWriter err, boolean quiet, boolean tty, int maxEpochs) {
        this.err = err;
        this.quiet = quiet;
        this.tty = tty;
        this.maxEpochs = maxEpochs;
    }

    /**
     * Prints one line of news about the run on its own line (unless quiet).
     *
     * @param line the message
     */
    public void note(String line) {
        if (quiet) {
            return;
        }
        err.println((tty ? "\r" : "") + line);
        err.flush();
    }

    /** @return whether this process writes to a terminal a person watches (not CI) */
    public static boolean isInteractive() {
        return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
        stepsDone++;
        if (quiet || !tty) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && step + 1 < stepsPerEpoch) {
            return;
        }
        lastDraw = now;
        double perStep = (now - start) / 1e9 / stepsDone;
        long remaining = (long) (maxEpochs - epoch - 1) * stepsPerEpoch + (stepsPerEpoch - step - 1);
        err.print(String.format(Locale.ROOT, "\repoch %d/%d  step %d/%d  loss %.4f  ETA %s   ",
                epoch + 1, maxEpochs, step + 1, stepsPerEpoch, loss,
                formatSeconds(remaining * perStep)));
        err.flush();
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (quiet) {
            return;
        }
        if (tty) {
            err.print("\r");
        }
        err.println(String.format(Locale.ROOT,
                "epoch %d/%d  loss %.4f  val_mae %.4f  lr %.2e  %s elapsed", m.epoch() + 1,
                maxEpochs, m.trainLoss(), m.valMae(), m.learningRate(),
                formatSeconds(m.elapsedSeconds())));
        err.flush();
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    /** Asks training to stop after the current step (it then writes its checkpoint). */
    public void requestStop() {
        stop = true;
    }

    /**
     * @param seconds a duration
     * @return e.g. {@code 1h02m}, {@code 3m05s}, {@code 12s}
     */
    public static String formatSeconds(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
