package org.ventifs.vac;

import java.io.IOException;
import java.util.List;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.Score;

/**
 * A whole vac tree seen from its root block: the root's own DirEntry and its
 * directory. The root block points at a dir block of three entries: the root
 * directory's entry stream, its meta stream, and a meta stream holding the root's
 * DirEntry. Fossil's archives put one more dir block above that one; both open.
 *
 * @param root      the decoded root block
 * @param rootEntry the root directory's own DirEntry
 * @param streams   the root directory's two streams
 */
public record VacTree(Root root, DirEntry rootEntry, DirectoryStreams streams) {
    private static final int TOP_ENTRIES = 3;

    /**
     * Writes the top dir block and the root block of a tree and returns the root's score.
     * {@code rootEntry}'s slots are set to 0 and 1.
     *
     * @throws IOException when the store refuses a block
     */
    public static Score write(BlockStore store, String name, DirEntry rootEntry, DirectoryStreams streams,
            int blockSize, Score prev) throws IOException {
        Entry rootMeta = DirectoryWriter.writeMeta(store, streams.meta().psize(), streams.meta().dsize(),
                NameOrder.FOSSIL, List.of(rootEntry.withSlots(0, 1)));
        byte[] top = new DirBlock(List.of(streams.entries(), streams.meta(), rootMeta))
                .encode(TOP_ENTRIES * Entry.SIZE);
        Score topScore = store.write(BlockType.DIR, top);
        Root root = new Root(name, Root.TYPE_VAC, topScore, blockSize, prev);
        return store.write(BlockType.ROOT, root.encode());
    }

    /**
     * Opens the tree whose root block is {@code score}.
     *
     * @throws CorruptBlockException when the root, the top dir block or the root's DirEntry is malformed
     * @throws IOException when a block cannot be read
     */
    public static VacTree open(BlockStore store, Score score) throws IOException {
        Root root;
        try {
            root = Root.decode(store.read(score, BlockType.ROOT, Root.SIZE));
        } catch (VacFormatException e) {
            throw new CorruptBlockException("root block " + score + " is malformed: " + e.getMessage(), e);
        }
        if (!root.type().equals(Root.TYPE_VAC)) {
            throw new CorruptBlockException("root block " + score + " has type '" + root.type() + "', not vac");
        }
        try {
            List<Entry> top = topEntries(store, root.score(), root.blockSize());
            if (!top.get(2).active()) {
                // Fossil: entry 0 is a dir stream whose first leaf holds the three entries.
                Entry fossilTop = top.get(0);
                byte[] leaf = new StreamReader(store, fossilTop).readLeaf(0);
                top = DirBlock.decode(leaf, TOP_ENTRIES).entries();
            }
            DirectoryStreams streams = new DirectoryStreams(top.get(0), top.get(1));
            byte[] metaLeaf = new StreamReader(store, top.get(2)).readLeaf(0);
            MetaBlock block = MetaBlock.decode(metaLeaf);
            if (block.count() < 1) {
                throw new VacFormatException("the root's meta stream holds no DirEntry");
            }
            return new VacTree(root, block.get(0), streams);
        } catch (IllegalArgumentException e) { // VacFormatException, or an inactive entry
            throw new CorruptBlockException("vac tree " + score + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Returns a reader of the root directory. */
    public DirectoryReader directory(BlockStore store) {
        return new DirectoryReader(store, streams);
    }

    private static List<Entry> topEntries(BlockStore store, Score score, int blockSize) throws IOException {
        byte[] stored = store.get(score, BlockType.DIR);
        if (stored.length > Math.max(blockSize, TOP_ENTRIES * Entry.SIZE)) {
            throw new VacFormatException("top dir block holds " + stored.length + " bytes");
        }
        byte[] padded = java.util.Arrays.copyOf(stored, Math.max(stored.length, TOP_ENTRIES * Entry.SIZE));
        return DirBlock.decode(padded, TOP_ENTRIES).entries();
    }
}
