package org.ventifs.venti.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.ventifs.venti.Score;

/**
 * Walks an arena file's clumps in order from an offset, checking each header (and,
 * when asked, each block's score), until the file ends, a trailer seals it, or
 * something does not verify.
 */
final class ArenaScanner {
    private static final int READ_BUFFER = 1 << 20;

    private ArenaScanner() {
    }

    /** Receives each clump that verified, with its stored (possibly compressed) bytes. */
    interface ClumpVisitor {
        void visit(BlockKey key, ClumpAddress address, ClumpHeader header, byte[] stored) throws IOException;
    }

    /** How a scan ended. */
    enum Ending {
        /** The file ended cleanly after the last clump: the arena is open for appends. */
        END_OF_FILE,
        /** A valid trailer followed the last clump and ended the file. */
        SEALED,
        /** Bytes at {@link ScanEnd#offset} are not a clump or trailer that verifies. */
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
     * Scans the arena file at {@code path} from {@code from} (a clump boundary).
     *
     * @param verifyData also decode each block and check its score
     * @throws IOException when the file cannot be read, or the visitor throws
     */
    static ScanEnd scan(Path path, long from, boolean verifyData, int arenaNumber, ClumpVisitor visitor)
            throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ch.position(from);
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), READ_BUFFER);
            long pos = from;
            int clumps = 0;
            byte[] head = new byte[ClumpHeader.SIZE];
            while (true) {
                long left = size - pos;
                if (left == 0) {
                    return new ScanEnd(Ending.END_OF_FILE, pos, clumps, null, null);
                }
                if (left < 4) {
                    return damaged(pos, clumps, "a " + left + "-byte fragment at the end");
                }
                int headLength = (int) Math.min(ClumpHeader.SIZE, left);
                in.readNBytes(head, 0, headLength);
                if (ArenaTrailer.startsTrailer(head, 0)) {
                    return trailerEnd(head, headLength, in, pos, size, clumps);
                }
                ClumpHeader header;
                try {
                    header = ClumpHeader.decode(Arrays.copyOf(head, headLength), 0);
                } catch (FormatException e) {
                    return damaged(pos, clumps, e.getMessage());
                }
                if (left < header.clumpLength()) {
                    return damaged(pos, clumps, "clump cut short by the end of the file");
                }
                byte[] stored = in.readNBytes(header.storedSize());
                if (verifyData) {
                    String problem = verifyBlock(header, stored);
                    if (problem != null) {
                        return damaged(pos, clumps, problem);
                    }
                }
                ClumpAddress address = new ClumpAddress(arenaNumber, pos, header.clumpLength());
                visitor.visit(new BlockKey(header.score(), header.wireType()), address, header, stored);
                clumps++;
                pos += header.clumpLength();
            }
        }
    }

    private static ScanEnd trailerEnd(byte[] head, int headLength, InputStream in, long pos, long size, int clumps)
            throws IOException {
        if (size - pos != ArenaTrailer.SIZE) {
            return damaged(pos, clumps, "a trailer that is not at the end of the file");
        }
        byte[] t = Arrays.copyOf(head, ArenaTrailer.SIZE);
        in.readNBytes(t, headLength, ArenaTrailer.SIZE - headLength);
        try {
            ArenaTrailer trailer = ArenaTrailer.decode(t, 0);
            if (trailer.dataEnd() != pos) {
                return damaged(pos, clumps, "the trailer says the data ends at " + trailer.dataEnd());
            }
            return new ScanEnd(Ending.SEALED, pos, clumps, trailer, null);
        } catch (FormatException e) {
            return damaged(pos, clumps, e.getMessage());
        }
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

    private static ScanEnd damaged(long pos, int clumps, String problem) {
        return new ScanEnd(Ending.DAMAGED, pos, clumps, null, problem);
    }
}
