package org.ventifs.venti.local;

import java.util.Optional;

/**
 * The store's running {@link StoreCounts}: every write adds to them; a checkpoint commits
 * them with the index. Unknown (empty) for an index written before counting began, until
 * the index is rebuilt. Thread-safe.
 */
final class StoreCounter {
    private StoreCounts total;
    private StoreCounts committed;

    /** A counter starting from {@code committed}, the counts in the index (null when unknown). */
    StoreCounter(StoreCounts committed) {
        this.total = committed;
        this.committed = committed;
    }

    synchronized void duplicate(int length) {
        if (total != null) {
            total = total.plusDuplicate(length);
        }
    }

    synchronized void newBlock(int rawSize, int clumpLength) {
        if (total != null) {
            total = total.plusNewBlock(rawSize, clumpLength);
        }
    }

    /** The counts now, synced or not; empty when unknown. */
    synchronized Optional<StoreCounts> total() {
        return Optional.ofNullable(total);
    }

    /** Whether writes were counted since the last {@link #committed}. */
    synchronized boolean changedSinceCommit() {
        return total != null && !total.equals(committed);
    }

    /** Notes that the index now holds {@code counts} (a value {@link #total()} returned). */
    synchronized void committed(StoreCounts counts) {
        committed = counts;
    }
}
