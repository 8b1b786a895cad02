package org.ventifs.vac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ventifs.venti.CorruptBlockException;

/**
 * Reads one directory from its pair of streams: lists its DirEntries, finds one by
 * name, and fetches the entries its DirEntries point at. Lookup binary-searches the
 * MetaBlocks by their first and last names, then the block's sorted index, so a
 * directory written in name order (ours) costs O(log blocks) reads; a name not
 * found there is then searched in the other blocks, since a tree written by other
 * tools need not be sorted across blocks. Thread-safe.
 */
public final class DirectoryReader {
    private final StreamReader entries;
    private final StreamReader meta;
    private final int entriesPerBlock;
    private final long metaBlocks;
    private long cachedLeafIndex = -1;
    private byte[] cachedLeaf;

    /** Opens the directory whose entry stream and meta stream are given. */
    public DirectoryReader(org.ventifs.venti.BlockStore store, DirectoryStreams streams) {
        if (!streams.entries().dir() || streams.meta().dir()) {
            throw new IllegalArgumentException("a directory is a dir stream of entries and a data stream of metadata");
        }
        this.entries = new StreamReader(store, streams.entries());
        this.meta = new StreamReader(store, streams.meta());
        this.entriesPerBlock = DirBlock.entriesPerBlock(streams.entries().dsize());
        long dsize = streams.meta().dsize();
        this.metaBlocks = (streams.meta().size() + dsize - 1) / dsize;
    }

    /** The number of slots in the entry stream. */
    public long entryCount() {
        Entry e = entries.entry();
        return entriesPerBlock * (e.size() / e.dsize()) + (e.size() % e.dsize()) / Entry.SIZE;
    }

    /**
     * Returns the entry in slot {@code index} of the entry stream.
     *
     * @throws CorruptBlockException when there is no such slot or it does not decode
     * @throws IOException when a block cannot be read
     */
    public Entry entry(long index) throws IOException {
        if (index < 0 || index >= entryCount()) {
            throw new CorruptBlockException("directory metadata names entry " + index + " of a directory with "
                    + entryCount() + " entries");
        }
        byte[] leaf = entryLeaf(index / entriesPerBlock);
        try {
            return Entry.decode(leaf, (int) (index % entriesPerBlock) * Entry.SIZE);
        } catch (VacFormatException e) {
            throw new CorruptBlockException("entry " + index + " of a directory is malformed: " + e.getMessage(), e);
        }
    }

    /** The entry stream's leaf {@code index}, keeping the last one: children are looked up in slot order. */
    private synchronized byte[] entryLeaf(long index) throws IOException {
        if (cachedLeafIndex != index) {
            cachedLeaf = entries.readLeaf(index);
            cachedLeafIndex = index;
        }
        return cachedLeaf;
    }

    /** Returns the content entry of {@code child} (its entry stream when a directory). */
    public Entry content(DirEntry child) throws IOException {
        return entry(Integer.toUnsignedLong(child.entry()));
    }

    /** Returns the two streams of the subdirectory {@code child}. */
    public DirectoryStreams subdirectory(DirEntry child) throws IOException {
        if (!child.isDirectory()) {
            throw new IllegalArgumentException(child.elem() + " is not a directory");
        }
        return new DirectoryStreams(content(child), entry(Integer.toUnsignedLong(child.mentry())));
    }

    /**
     * Returns every DirEntry, block by block, each block in its name order.
     *
     * @throws IOException when a block cannot be read or does not decode
     */
    public List<DirEntry> list() throws IOException {
        List<DirEntry> all = new ArrayList<>();
        for (long b = 0; b < metaBlocks; b++) {
            MetaBlock block = metaBlock(b);
            try {
                all.addAll(block.entries());
            } catch (VacFormatException e) {
                throw corrupt(b, e);
            }
        }
        return all;
    }

    /**
     * Finds the DirEntry named {@code name}.
     *
     * @throws IOException when a block cannot be read or does not decode
     */
    public Optional<DirEntry> lookup(String name) throws IOException {
        long lo = 0;
        long hi = metaBlocks - 1;
        long searched = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            MetaBlock block = metaBlock(mid);
            if (block.count() == 0) {
                break;
            }
            NameOrder order = block.order();
            if (order.compare(name, block.name(0)) < 0) {
                hi = mid - 1;
            } else if (order.compare(name, block.name(block.count() - 1)) > 0) {
                lo = mid + 1;
            } else {
                searched = mid;
                Optional<DirEntry> found = find(block, mid, name);
                if (found.isPresent()) {
                    return found;
                }
                break;
            }
        }
        for (long b = 0; b < metaBlocks; b++) {
            if (b != searched) {
                Optional<DirEntry> found = find(metaBlock(b), b, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<DirEntry> find(MetaBlock block, long index, String name) throws CorruptBlockException {
        try {
            return block.find(name);
        } catch (VacFormatException e) {
            throw corrupt(index, e);
        }
    }

    private MetaBlock metaBlock(long index) throws IOException {
        byte[] leaf = meta.readLeaf(index);
        try {
            return MetaBlock.decode(leaf);
        } catch (VacFormatException e) {
            throw corrupt(index, e);
        }
    }

    private static CorruptBlockException corrupt(long block, VacFormatException e) {
        return new CorruptBlockException("MetaBlock " + block + " of a directory is malformed: " + e.getMessage(), e);
    }
}
