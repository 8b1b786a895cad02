package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.Score;

/**
 * One arena file opened for reading. Reads are positional, so any number of threads
 * may read at once, also while an {@link ArenaAppender} appends to the same file.
 */
final class Arena implements AutoCloseable {
    /** Each reading thread's buffer for one whole clump: a direct buffer spares the JDK a copy. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(ClumpHeader.SIZE + org.ventifs.venti.BlockStore.MAX_BLOCK_SIZE));

    private final Path path;
    private final ArenaHeader header;
    private final FileChannel channel;

    private Arena(Path path, ArenaHeader header, FileChannel channel) {
        this.path = path;
        this.header = header;
        this.channel = channel;
    }

    /**
     * Opens the arena file at {@code path}, which must hold arena {@code number}.
     *
     * @throws FormatException when its header is damaged or names another number
     * @throws IOException when the file cannot be read
     */
    static Arena open(Path path, int number) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ArenaHeader header = ArenaHeader.decode(readFully(ch, 0, (int) Math.min(ArenaHeader.SIZE, ch.size())));
            if (header.number() != number) {
                throw new FormatException("arena file " + path + " holds arena " + header.number()
                        + ", not " + number);
            }
            return new Arena(path, header, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof FormatException) {
                throw new FormatException("arena file " + path + ": " + e.getMessage());
            }
            throw e;
        }
    }

    Path path() {
        return path;
    }

    ArenaHeader header() {
        return header;
    }

    int number() {
        return header.number();
    }

    /** The file's current size in bytes. */
    long size() throws IOException {
        return channel.size();
    }

    /**
     * Reads the clump at {@code address}, which the index says holds {@code key}, and
     * returns the block, after checking it hashes to its score when {@code verify}
     * (a caller that skips that must compare the bytes with ones it knows hash right).
     *
     * @throws CorruptBlockException naming the score and this file when anything does not verify
     * @throws IOException when the file cannot be read
     */
    byte[] readBlock(BlockKey key, ClumpAddress address, boolean verify) throws IOException {
        return decode(key, address, readClump(key, address), verify);
    }

    /**
     * Whether the clump at {@code address}, which the index says holds {@code key}, holds
     * exactly {@code length} bytes of {@code data} at {@code offset}: the check of a
     * duplicate write, which allocates nothing. The stored bytes are not hashed.
     *
     * @throws CorruptBlockException when the clump is not the one the index promised
     * @throws IOException when the file cannot be read
     */
    boolean holds(BlockKey key, ClumpAddress address, byte[] data, int offset, int length) throws IOException {
        return holds(key, address, readClump(key, address), data, offset, length);
    }

    /** As {@link #holds(BlockKey, ClumpAddress, byte[], int, int)}, for the whole clump in {@code clump}. */
    boolean holds(BlockKey key, ClumpAddress address, ByteBuffer clump, byte[] data, int offset, int length)
            throws CorruptBlockException {
        try {
            return ClumpCodec.holds(checkedHeader(key, address, clump), clump, data, offset, length);
        } catch (FormatException e) {
            throw corrupt(key, address, e.getMessage());
        }
    }

    /** This thread's buffer for one whole clump, cleared. */
    static ByteBuffer clumpBuffer() {
        return READ_BUFFER.get().clear();
    }

    private ByteBuffer readClump(BlockKey key, ClumpAddress address) throws IOException {
        ByteBuffer clump = clumpBuffer().limit(address.length());
        while (clump.hasRemaining()) {
            if (channel.read(clump, address.offset() + clump.position()) < 0) {
                throw corrupt(key, address, "the file ends at " + (address.offset() + clump.position()));
            }
        }
        return clump.flip();
    }

    /**
     * The block in {@code clump}, the whole clump at {@code address} of this arena (read from
     * the file, or still in the appender's write buffer), checked as {@link #readBlock} does.
     *
     * @throws CorruptBlockException when the clump is not the one the index promised
     */
    byte[] decode(BlockKey key, ClumpAddress address, ByteBuffer clump, boolean verify) throws IOException {
        try {
            ClumpHeader h = checkedHeader(key, address, clump);
            byte[] stored = new byte[h.storedSize()];
            clump.get(stored);
            byte[] block = h.encoding() == ClumpEncoding.RAW ? stored : ClumpCodec.decode(h, stored, 0);
            if (verify && !Score.of(block).equals(key.score())) {
                throw corrupt(key, address, "its bytes do not hash to its score");
            }
            return block;
        } catch (FormatException e) {
            throw corrupt(key, address, e.getMessage());
        }
    }

    /** Reads the header at the start of {@code clump}, which must be the one the index promised for {@code key}. */
    private ClumpHeader checkedHeader(BlockKey key, ClumpAddress address, ByteBuffer clump)
            throws FormatException, CorruptBlockException {
        byte[] head = new byte[ClumpHeader.SIZE];
        clump.get(head);
        ClumpHeader h = ClumpHeader.decode(head, 0);
        if (!h.score().equals(key.score()) || h.wireType() != key.wireType()) {
            throw corrupt(key, address, "the clump there holds " + h.score() + "/" + h.wireType());
        }
        if (h.clumpLength() != address.length()) {
            throw corrupt(key, address, "the clump there is " + h.clumpLength() + " bytes, the index says "
                    + address.length());
        }
        return h;
    }

    /**
     * A clump read without verification: its offset, header, and its stored bytes at
     * {@code dataAt} of {@code bytes} (the window it was read with).
     */
    record StoredClump(long offset, ClumpHeader header, byte[] bytes, int dataAt) {
    }

    /**
     * Reads the whole clumps from {@code from} (a clump boundary) on into {@code window}
     * (a heap buffer, filled from its start up to its limit) with one positional read; stops early at
     * anything that is not a clump header. The clumps returned share the window's array.
     */
    List<StoredClump> readClumps(long from, ByteBuffer window) throws IOException {
        window.position(0);
        while (window.hasRemaining() && channel.read(window, from + window.position()) > 0) {
            // Reads until the window is full or the file ends.
        }
        byte[] bytes = window.array();
        int filled = window.position();
        List<StoredClump> clumps = new ArrayList<>();
        int at = 0;
        while (filled - at >= ClumpHeader.SIZE) {
            ClumpHeader h;
            try {
                h = ClumpHeader.decode(bytes, at);
            } catch (FormatException e) {
                break;
            }
            if (filled - at < h.clumpLength()) {
                break;
            }
            clumps.add(new StoredClump(from + at, h, bytes, at + ClumpHeader.SIZE));
            at += h.clumpLength();
        }
        return clumps;
    }

    private CorruptBlockException corrupt(BlockKey key, ClumpAddress address, String why) {
        return new CorruptBlockException("block " + key + " in arena file " + path + " at offset "
                + address.offset() + " is corrupt: " + why + "; run ventifs check --read-data");
    }

    /**
     * Reads exactly {@code length} bytes at {@code position}.
     *
     * @throws FormatException when the file ends first
     */
    static byte[] readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position + buf.position());
            if (n < 0) {
                throw new FormatException("file ends at " + (position + buf.position()) + ", inside " + length
                        + " bytes read at " + position);
            }
        }
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
