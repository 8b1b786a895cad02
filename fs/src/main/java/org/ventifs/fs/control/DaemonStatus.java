package org.ventifs.fs.control;

import java.io.IOException;
import org.ventifs.cache.Cache;
import org.ventifs.cache.StatFs;
import org.ventifs.snapshot.Snapshotter;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.local.LocalVenti;

/** Gathers a running file system's {@link StatusReport} from its snapshotter, cache, catalog and store. */
final class DaemonStatus {
    private DaemonStatus() {
    }

    /**
     * The figures now. The dirty data is counted in one read view of the cache (one pass over
     * the dirty blocks' keys); everything else is at hand.
     *
     * @throws IOException when the cache or the store's folder cannot be read
     */
    static StatusReport of(Snapshotter snapshotter) throws IOException {
        Cache cache = snapshotter.cache();
        StatFs fs = cache.statfs();
        BlockStore store = snapshotter.store();
        LocalVenti local = store instanceof LocalVenti l ? l : null;
        return new StatusReport(snapshotter.progress(), cache.dirtyData(), snapshotter.catalog().newest(),
                (fs.totalBlocks() - fs.freeBlocks()) * fs.blockSize(), fs.totalBlocks() * fs.blockSize(),
                local != null, local == null ? -1 : local.bytesOnDisk(),
                local == null ? null : local.counts().orElse(null));
    }
}
