package org.ventifs.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of one read that come from files' bases in Venti, collected inside the cache's
 * transaction and read after it ends ({@link FileContent#readBases}), so that a slow store
 * (a disk read, a network round trip) holds neither a read view nor the writers' lock. The
 * result is the file as the transaction saw it: a base is immutable in Venti, and the part
 * of it to read was fixed by the inode record in that transaction.
 */
final class BaseReads {
    /** One range: {@code length} bytes of {@code base} at {@code pos}, into {@code dst} at {@code dstOffset}. */
    record Range(long ino, byte[] base, long pos, byte[] dst, int dstOffset, int length) {
    }

    /** Null until a range is added: most reads of a busy cache touch only dirty blocks. */
    private List<Range> ranges;

    void add(long ino, byte[] base, long pos, byte[] dst, int dstOffset, int length) {
        if (ranges == null) {
            ranges = new ArrayList<>(1);
        }
        ranges.add(new Range(ino, base, pos, dst, dstOffset, length));
    }

    List<Range> ranges() {
        return ranges == null ? List.of() : ranges;
    }
}
