package org.spinj.graph.listen;

/**
 * A handle to a registered {@link MessageListener}; closing it removes the listener. Closing twice
 * is harmless.
 */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {

    /** Removes the listener. */
    @Override
    void close();
}
