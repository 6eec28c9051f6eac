package org.spinj.experiments;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C during training into a clean stop: a shutdown hook asks the {@link
 * ProgressMonitor} to stop, then waits until the training code calls {@link #close()} (after the
 * trainer has written its checkpoint), so the JVM does not exit mid-write.
 */
public final class InterruptHook implements AutoCloseable {

    /** How long the hook waits for training to write its checkpoint. */
    public static final long MAX_WAIT_SECONDS = 120;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean fired;

    /**
     * Installs the hook.
     *
     * @param monitor the monitor the trainer polls
     */
    public InterruptHook(ProgressMonitor monitor) {
        hook = new Thread(() -> {
            fired = true;
            monitor.requestStop();
            try {
                done.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spinj-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** @return whether the JVM is shutting down because of an interrupt */
    public boolean fired() {
        return fired;
    }

    /** Releases the hook: training has finished writing. */
    @Override
    public void close() {
        done.countDown();
        if (!fired) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM began shutting down meanwhile: the hook is running and now released
            }
        }
    }
}
