package org.ventifs.vac;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ventifs.venti.BlockStore;

/**
 * Writes one directory as a pair of streams. Children's entries go into the entry
 * stream as they are added (a file takes one slot, a directory two: entry stream
 * then meta stream); their DirEntries are kept until {@link #finish}, then sorted by
 * name across the whole directory and packed into MetaBlocks, so that a reader can
 * binary-search the blocks and then each block. Not thread-safe.
 */
public final class DirectoryWriter {
    private final BlockStore store;
    private final int psize;
    private final int dsize;
    private final NameOrder order;
    private final StreamWriter entryStream;
    private final List<Entry> openLeaf = new ArrayList<>();
    private final List<DirEntry> children = new ArrayList<>();
    private int slots;

    /** Starts an empty directory whose streams use the given block sizes and name order. */
    public DirectoryWriter(BlockStore store, int psize, int dsize, NameOrder order) {
        this.store = store;
        this.psize = psize;
        this.dsize = dsize;
        this.order = order;
        this.entryStream = new StreamWriter(store, true, psize, dsize);
    }

    /** Starts an empty directory with vac's sizes and plain bytewise order (fossil's magic). */
    public DirectoryWriter(BlockStore store) {
        this(store, Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE, NameOrder.FOSSIL);
    }

    /**
     * Adds a file (any non-directory): {@code meta} with its entry index set to the slot
     * that {@code content} takes.
     *
     * @throws IOException when the store refuses a block
     */
    public void addFile(DirEntry meta, Entry content) throws IOException {
        if (meta.isDirectory()) {
            throw new IllegalArgumentException(meta.elem() + " is a directory: use addDirectory");
        }
        int slot = addSlot(content);
        children.add(meta.withSlots(slot, slot + 1));
    }

    /**
     * Adds a subdirectory: {@code meta} with its entry and mentry indices set to the
     * slots its two streams take.
     *
     * @throws IOException when the store refuses a block
     */
    public void addDirectory(DirEntry meta, DirectoryStreams streams) throws IOException {
        if (!meta.isDirectory()) {
            throw new IllegalArgumentException(meta.elem() + " is not a directory: use addFile");
        }
        int slot = addSlot(streams.entries());
        addSlot(streams.meta());
        children.add(meta.withSlots(slot, slot + 1));
    }

    /**
     * Writes what remains of both streams and returns their entries.
     *
     * @throws VacFormatException when one DirEntry cannot fit a MetaBlock
     * @throws IOException when the store refuses a block
     */
    public DirectoryStreams finish() throws IOException {
        if (!openLeaf.isEmpty()) {
            entryStream.appendEntries(openLeaf);
            openLeaf.clear();
        }
        return new DirectoryStreams(entryStream.finish(), writeMeta(store, psize, dsize, order, children));
    }

    /**
     * Writes a meta stream holding {@code entries} sorted by name in {@code order},
     * packed greedily into MetaBlocks of {@code dsize} bytes.
     */
    static Entry writeMeta(BlockStore store, int psize, int dsize, NameOrder order, List<DirEntry> entries)
            throws IOException {
        List<DirEntry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> order.compare(a.elem(), b.elem()));
        StreamWriter meta = new StreamWriter(store, false, psize, dsize);
        List<byte[]> block = new ArrayList<>();
        int blockBytes = 0;
        for (DirEntry e : sorted) {
            byte[] encoded = e.encode();
            if (!MetaBlock.fits(1, encoded.length, dsize)) {
                throw new VacFormatException("the metadata of " + e.elem() + " takes " + encoded.length
                        + " bytes, more than a " + dsize + "-byte MetaBlock holds");
            }
            if (!MetaBlock.fits(block.size() + 1, blockBytes + encoded.length, dsize)) {
                appendMetaBlock(meta, order, block, dsize);
                block.clear();
                blockBytes = 0;
            }
            block.add(encoded);
            blockBytes += encoded.length;
        }
        if (!block.isEmpty()) {
            appendMetaBlock(meta, order, block, dsize);
        }
        return meta.finish();
    }

    /** Appends one MetaBlock of {@code encoded} DirEntries as a whole leaf of the meta stream. */
    private static void appendMetaBlock(StreamWriter meta, NameOrder order, List<byte[]> encoded, int dsize)
            throws IOException {
        byte[] leaf = MetaBlock.encodeRaw(order, encoded, dsize);
        meta.appendPaddedLeaf(leaf, 0, leaf.length);
    }

    private int addSlot(Entry entry) throws IOException {
        openLeaf.add(entry);
        if (openLeaf.size() == DirBlock.entriesPerBlock(dsize)) {
            entryStream.appendEntries(openLeaf);
            openLeaf.clear();
        }
        return slots++;
    }
}
