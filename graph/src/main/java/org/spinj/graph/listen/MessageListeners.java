package org.spinj.graph.listen;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The listener list a reporting layer owns. With no listener registered, {@link #report} costs
 * one emptiness check: the record (and the copy of its weights out of native memory) is only
 * built when someone listens.
 */
public final class MessageListeners {

    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return the handle that removes it
     */
    public ListenerRegistration add(MessageListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @return whether no listener is registered */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    /**
     * Builds the record once and hands it to every listener, if any is registered.
     *
     * @param record builds the record; not called when nobody listens
     */
    public void report(Supplier<AttentionRecord> record) {
        if (listeners.isEmpty()) {
            return;
        }
        AttentionRecord r = record.get();
        for (MessageListener l : listeners) {
            l.onMessage(r);
        }
    }
}
