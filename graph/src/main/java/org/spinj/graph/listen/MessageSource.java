package org.spinj.graph.listen;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A block that reports attention weights to listeners: every message-passing layer, and every
 * model made of them (which forwards a registration to all its layers).
 */
public interface MessageSource {

    /**
     * Registers a listener until the returned registration is closed.
     *
     * <pre>{@code
     * AttentionRecorder recorder = new AttentionRecorder();
     * try (ListenerRegistration reg = model.addMessageListener(recorder)) {
     *     model.forward(ps, inputs, false);
     * }
     * }</pre>
     *
     * @param listener the listener
     * @return the handle that removes it
     */
    ListenerRegistration addMessageListener(MessageListener listener);

    /**
     * Registers {@code listener} on every {@link MessageSource} in the block tree under {@code
     * root} (root included), without descending into a source's own children, which that source
     * already covers.
     *
     * @param root the root of a block tree
     * @param listener the listener
     * @return one handle that removes the listener from every source it was added to
     */
    static ListenerRegistration addToTree(Block root, MessageListener listener) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(listener, "listener");
        List<ListenerRegistration> regs = new ArrayList<>();
        collect(root, listener, regs);
        return () -> {
            for (ListenerRegistration r : regs) {
                r.close();
            }
        };
    }

    private static void collect(Block block, MessageListener l, List<ListenerRegistration> out) {
        if (block instanceof MessageSource) {
            out.add(((MessageSource) block).addMessageListener(l));
            return;
        }
        for (Block child : block.getChildren().values()) {
            collect(child, l, out);
        }
    }
}
