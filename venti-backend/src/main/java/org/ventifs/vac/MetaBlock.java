package org.ventifs.vac;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One leaf of a meta stream: a header (magic, size, free, maxindex, nindex), an
 * index table of (offset, length) pairs sorted by name in the order the magic
 * selects, and the packed DirEntries. Decoding checks the header and every index
 * slot; DirEntries are decoded only when asked for, so a lookup by name decodes
 * one entry after a binary search over the names.
 */
public final class MetaBlock {
    /** Bytes of the header before the index table. */
    public static final int HEADER_SIZE = 12;
    /** Bytes of one index slot. */
    public static final int INDEX_SLOT_SIZE = 4;

    private final byte[] block;
    private final NameOrder order;
    private final int count;

    private MetaBlock(byte[] block, NameOrder order, int count) {
        this.block = block;
        this.order = order;
        this.count = count;
    }

    /**
     * Decodes a padded meta leaf, checking its header and index table (the bytes are kept, not copied).
     *
     * @throws VacFormatException when the magic is unknown or a slot points outside the used bytes
     */
    public static MetaBlock decode(byte[] block) {
        if (block.length < HEADER_SIZE) {
            throw new VacFormatException("a MetaBlock needs 12 header bytes, not " + block.length);
        }
        ByteBuffer b = ByteBuffer.wrap(block);
        NameOrder order = NameOrder.ofMagic(b.getInt());
        int size = b.getShort() & 0xffff;
        b.getShort(); // free: only writers that update in place need it
        int maxIndex = b.getShort() & 0xffff;
        int nIndex = b.getShort() & 0xffff;
        int tableEnd = HEADER_SIZE + maxIndex * INDEX_SLOT_SIZE;
        if (size > block.length || tableEnd > size || nIndex > maxIndex) {
            throw new VacFormatException("MetaBlock header (size " + size + ", maxindex " + maxIndex
                    + ", nindex " + nIndex + ") does not fit its " + block.length + " bytes");
        }
        for (int i = 0; i < nIndex; i++) {
            int offset = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            if (offset < tableEnd || offset + length > size) {
                throw new VacFormatException("MetaBlock slot " + i + " (offset " + offset + ", length "
                        + length + ") lies outside bytes " + tableEnd + ".." + size);
            }
        }
        return new MetaBlock(block, order, nIndex);
    }

    /**
     * Encodes {@code entries} into one meta leaf of {@code blockSize} bytes (before zero
     * truncation), sorted in {@code order}, with exactly as many index slots as entries.
     *
     * @throws VacFormatException when they do not fit ({@link #fits})
     */
    public static byte[] encode(NameOrder order, List<DirEntry> entries, int blockSize) {
        List<byte[]> encoded = new ArrayList<>(entries.size());
        for (DirEntry e : entries) {
            encoded.add(e.encode());
        }
        return Arrays.copyOf(encodeRaw(order, encoded, blockSize), blockSize);
    }

    /**
     * As {@link #encode}, for DirEntries already encoded, without the zeros that pad the
     * leaf to {@code blockSize}: the array ends with the last entry.
     */
    static byte[] encodeRaw(NameOrder order, List<byte[]> encoded, int blockSize) {
        int used = bytesNeeded(encoded.size(), totalLength(encoded));
        if (used > blockSize || used > 0xffff) {
            throw new VacFormatException(encoded.size() + " DirEntries need " + used
                    + " bytes, more than a " + blockSize + "-byte MetaBlock");
        }
        List<byte[]> sorted = new ArrayList<>(encoded);
        Comparator<byte[]> byName = (a, b) -> order.compare(DirEntry.elemBytes(a, 0, a.length),
                DirEntry.elemBytes(b, 0, b.length));
        sorted.sort(byName);
        ByteBuffer b = ByteBuffer.allocate(used);
        b.putInt(order.magic()).putShort((short) used).putShort((short) 0)
                .putShort((short) sorted.size()).putShort((short) sorted.size());
        int at = HEADER_SIZE + sorted.size() * INDEX_SLOT_SIZE;
        for (byte[] e : sorted) {
            b.putShort((short) at).putShort((short) e.length);
            at += e.length;
        }
        for (byte[] e : sorted) {
            b.put(e);
        }
        return b.array();
    }

    /** Whether {@code count} DirEntries of {@code totalLength} bytes fit a block of {@code blockSize}. */
    public static boolean fits(int count, int totalLength, int blockSize) {
        int used = bytesNeeded(count, totalLength);
        return used <= blockSize && used <= 0xffff;
    }

    private static int bytesNeeded(int count, int totalLength) {
        return HEADER_SIZE + count * INDEX_SLOT_SIZE + totalLength;
    }

    private static int totalLength(List<byte[]> encoded) {
        int n = 0;
        for (byte[] e : encoded) {
            n += e.length;
        }
        return n;
    }

    /** The name order of this block's index table. */
    public NameOrder order() {
        return order;
    }

    /** How many DirEntries the block holds. */
    public int count() {
        return count;
    }

    /**
     * Decodes the {@code i}-th DirEntry in index order (sorted by name).
     *
     * @throws VacFormatException when the entry is malformed
     */
    public DirEntry get(int i) {
        return DirEntry.decode(block, slotOffset(i), slotLength(i));
    }

    /** Returns every DirEntry, in index order. */
    public List<DirEntry> entries() {
        List<DirEntry> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(get(i));
        }
        return all;
    }

    /** Returns the name of the {@code i}-th DirEntry without decoding the rest of it. */
    public String name(int i) {
        return new String(nameBytes(i), StandardCharsets.UTF_8);
    }

    /**
     * Finds a DirEntry by name with a binary search in this block's order; a block
     * whose table is out of order may miss names it holds, as in plan9port.
     */
    public Optional<DirEntry> find(String name) {
        byte[] want = name.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = order.compare(nameBytes(mid), want);
            if (c == 0) {
                return Optional.of(get(mid));
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Optional.empty();
    }

    private byte[] nameBytes(int i) {
        return DirEntry.elemBytes(block, slotOffset(i), slotLength(i));
    }

    private int slotOffset(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("MetaBlock slot " + i + " of " + count);
        }
        int at = HEADER_SIZE + i * INDEX_SLOT_SIZE;
        return ((block[at] & 0xff) << 8) | (block[at + 1] & 0xff);
    }

    private int slotLength(int i) {
        int at = HEADER_SIZE + i * INDEX_SLOT_SIZE + 2;
        return ((block[at] & 0xff) << 8) | (block[at + 1] & 0xff);
    }
}
