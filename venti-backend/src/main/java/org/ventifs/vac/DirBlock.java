package org.ventifs.vac;

import java.util.ArrayList;
import java.util.List;

/**
 * A leaf of a dir stream: {@code dsize / 40} entries packed from offset 0; entries
 * never straddle blocks, so the last {@code dsize % 40} bytes are unused.
 *
 * @param entries the entries, at most {@code dsize / 40}
 */
public record DirBlock(List<Entry> entries) {
    public DirBlock {
        entries = List.copyOf(entries);
    }

    /** How many entries a leaf of {@code dsize} bytes holds. */
    public static int entriesPerBlock(int dsize) {
        return dsize / Entry.SIZE;
    }

    /**
     * Decodes the first {@code count} entries of a padded leaf.
     *
     * @throws VacFormatException when the block cannot hold them or one is malformed
     */
    public static DirBlock decode(byte[] block, int count) {
        if (count < 0 || count * Entry.SIZE > block.length) {
            throw new VacFormatException("a " + block.length + "-byte dir block cannot hold "
                    + count + " entries");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(Entry.decode(block, i * Entry.SIZE));
        }
        return new DirBlock(entries);
    }

    /** Returns the {@code dsize} bytes of this leaf, before zero truncation. */
    public byte[] encode(int dsize) {
        if (entries.size() > entriesPerBlock(dsize)) {
            throw new VacFormatException(entries.size() + " entries do not fit a dir block of " + dsize);
        }
        byte[] block = new byte[dsize];
        for (int i = 0; i < entries.size(); i++) {
            entries.get(i).encode(block, i * Entry.SIZE);
        }
        return block;
    }
}
