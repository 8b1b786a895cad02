package org.ventifs.venti.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.ventifs.venti.Score;

/**
 * Walks an arena file's clumps in order from an offset, checking each header (and,
 * when asked, each block's score), until the file ends or a trailer seals it. Bytes
 * that do not verify are passed over when a valid clump or trailer follows them (one
 * damaged block must not cost the blocks after it); damage with nothing valid after
 * it ends the scan, as a torn tail does.
 */
final class ArenaScanner {
    private static final int READ_BUFFER = 1 << 20;

    private ArenaScanner() {
    }

    /** Receives each clump that verified, and each damaged stretch passed over. */
    interface ClumpVisitor {
        /** A clump that verified, with its stored (possibly compressed) bytes. */
        void visit(BlockKey key, ClumpAddress address, ClumpHeader header, byte[] stored) throws IOException;

        /** Bytes from {@code offset} to {@code resumeAt} do not verify ({@code problem}); a valid clump or trailer follows. */
        default void damaged(long offset, long resumeAt, String problem) throws IOException {
        }
    }

    /** How a scan ended. */
    enum Ending {
        /** The file ended cleanly after the last clump: the arena is open for appends. */
        END_OF_FILE,
        /** A valid trailer followed the last clump and ended the file. */
        SEALED,
        /** Bytes from {@link ScanEnd#offset} to the end of the file do not verify, and nothing valid follows them. */
        DAMAGED
    }

    /**
     * Where and how a scan ended: {@code offset} is just past the last good clump;
     * {@code clumps} counts the clumps visited; {@code trailer} is set when SEALED;
     * {@code problem} says what was wrong when DAMAGED.
     */
    record ScanEnd(Ending ending, long offset, int clumps, ArenaTrailer trailer, String problem) {
    }

    /**
     * What lies at one offset: a clump (with its bytes), a trailer, or a problem. For a
     * problem, {@code searchFrom} is how far past the offset a valid clump may start
     * (past a bad block whose header is sound, so that its data is not searched), or
     * -1 when the item runs past the end of the file, which makes it a torn tail.
     */
    private record Item(ClumpHeader header, byte[] stored, ArenaTrailer trailer, String problem, long searchFrom) {
    }

    /**
     * Scans the arena file at {@code path} from {@code from} (a clump boundary).
     *
     * @param verifyData also decode each block and check its score
     * @throws IOException when the file cannot be read, or the visitor throws
     */
    static ScanEnd scan(Path path, long from, boolean verifyData, int arenaNumber, ClumpVisitor visitor)
            throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long pos = from;
            int clumps = 0;
            InputStream in = streamAt(ch, pos);
            while (pos < size) {
                Item item = readItem(in, pos, size, verifyData);
                if (item.problem() != null) {
                    long resumeAt = item.searchFrom() < 0 ? -1 : findNextValid(ch, pos + item.searchFrom(), size);
                    if (resumeAt < 0) {
                        return new ScanEnd(Ending.DAMAGED, pos, clumps, null, item.problem());
                    }
                    visitor.damaged(pos, resumeAt, item.problem());
                    pos = resumeAt;
                    in = streamAt(ch, pos);
                } else if (item.trailer() != null) {
                    return new ScanEnd(Ending.SEALED, pos, clumps, item.trailer(), null);
                } else {
                    ClumpHeader h = item.header();
                    visitor.visit(new BlockKey(h.score(), h.wireType()), new ClumpAddress(arenaNumber, pos,
                            h.clumpLength()), h, item.stored());
                    clumps++;
                    pos += h.clumpLength();
                }
            }
            return new ScanEnd(Ending.END_OF_FILE, pos, clumps, null, null);
        }
    }

    private static InputStream streamAt(FileChannel ch, long pos) throws IOException {
        ch.position(pos);
        return new BufferedInputStream(Channels.newInputStream(ch), READ_BUFFER);
    }

    /** Reads what lies at {@code pos}, which is before {@code size}. */
    private static Item readItem(InputStream in, long pos, long size, boolean verifyData) throws IOException {
        long left = size - pos;
        if (left < 4) {
            return new Item(null, null, null, "a " + left + "-byte fragment at the end", -1);
        }
        int headLength = (int) Math.min(ClumpHeader.SIZE, left);
        byte[] head = in.readNBytes(headLength);
        if (ByteBuffer.wrap(head).getInt() == ArenaTrailer.MAGIC) {
            return readTrailer(head, pos, size);
        }
        ClumpHeader header;
        try {
            header = ClumpHeader.decode(head, 0);
        } catch (FormatException e) {
            return problem(e.getMessage());
        }
        if (left < header.clumpLength()) {
            return new Item(null, null, null, "clump cut short by the end of the file", -1);
        }
        byte[] stored = in.readNBytes(header.storedSize());
        if (verifyData) {
            String problem = verifyBlock(header, stored);
            if (problem != null) {
                return new Item(null, null, null, problem, header.clumpLength());
            }
        }
        return new Item(header, stored, null, null, 0);
    }

    private static Item readTrailer(byte[] head, long pos, long size) {
        if (size - pos != ArenaTrailer.SIZE) {
            return problem("a trailer that is not at the end of the file");
        }
        try {
            ArenaTrailer trailer = ArenaTrailer.decode(Arrays.copyOf(head, ArenaTrailer.SIZE), 0);
            if (trailer.dataEnd() != pos) {
                return problem("the trailer says the data ends at " + trailer.dataEnd());
            }
            return new Item(null, null, trailer, null, 0);
        } catch (FormatException e) {
            return problem(e.getMessage());
        }
    }

    /** A problem with the bytes at an offset: a valid clump may start right after it. */
    private static Item problem(String why) {
        return new Item(null, null, null, why, 1);
    }

    /**
     * Returns the offset of the first valid clump header (whose clump fits in the file),
     * or of a valid trailer ending the file, at or after {@code start}; -1 when there is none.
     */
    static long findNextValid(FileChannel ch, long start, long size) throws IOException {
        byte[] chunk = new byte[READ_BUFFER + ClumpHeader.SIZE];
        for (long base = start; base + 4 <= size; base += READ_BUFFER) {
            int n = (int) Math.min(chunk.length, size - base);
            ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
            while (buf.hasRemaining() && ch.read(buf, base + buf.position()) > 0) {
                // Fills the chunk, or reads to the end of the file.
            }
            int filled = buf.position();
            for (int i = 0; i < Math.min(READ_BUFFER, filled - 3); i++) {
                int word = ((chunk[i] & 0xff) << 24) | ((chunk[i + 1] & 0xff) << 16) | ((chunk[i + 2] & 0xff) << 8)
                        | (chunk[i + 3] & 0xff);
                long at = base + i;
                if (word == ClumpHeader.MAGIC && filled - i >= ClumpHeader.SIZE) {
                    try {
                        if (at + ClumpHeader.decode(chunk, i).clumpLength() <= size) {
                            return at;
                        }
                    } catch (FormatException e) {
                        // Not a header after all.
                    }
                } else if (word == ArenaTrailer.MAGIC && at + ArenaTrailer.SIZE == size && filled - i >= ArenaTrailer.SIZE) {
                    try {
                        if (ArenaTrailer.decode(chunk, i).dataEnd() == at) {
                            return at;
                        }
                    } catch (FormatException e) {
                        // Not a trailer after all.
                    }
                }
            }
        }
        return -1;
    }

    /** Returns why the stored bytes are not the block the header names, or null when they are. */
    static String verifyBlock(ClumpHeader header, byte[] stored) {
        try {
            byte[] block = ClumpCodec.decode(header, stored, 0);
            return Score.of(block).equals(header.score()) ? null : "the block does not hash to its score "
                    + header.score();
        } catch (FormatException e) {
            return "the block " + header.score() + " does not decode: " + e.getMessage();
        }
    }
}
