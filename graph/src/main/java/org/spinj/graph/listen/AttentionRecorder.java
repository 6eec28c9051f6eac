package org.spinj.graph.listen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A {@link MessageListener} that keeps every record it receives, in arrival order. */
public final class AttentionRecorder implements MessageListener {

    private final List<AttentionRecord> records = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onMessage(AttentionRecord record) {
        records.add(record);
    }

    /** @return an unmodifiable copy of the records received so far, in arrival order */
    public List<AttentionRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * @param layerId a layer identifier
     * @return the most recent record of that layer, if any
     */
    public Optional<AttentionRecord> latest(String layerId) {
        synchronized (records) {
            for (int k = records.size() - 1; k >= 0; k--) {
                if (records.get(k).layerId().equals(layerId)) {
                    return Optional.of(records.get(k));
                }
            }
        }
        return Optional.empty();
    }

    /** Forgets every record. */
    public void clear() {
        records.clear();
    }
}
