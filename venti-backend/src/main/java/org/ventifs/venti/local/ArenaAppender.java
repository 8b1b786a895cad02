package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * The arena being filled: appends clumps through a write buffer, makes them durable
 * with {@link #force}, and seals the arena with a trailer when it is full. Not
 * thread-safe: the store's write lock guards it. {@link #flushedEnd} may be read by
 * any thread.
 */
final class ArenaAppender implements AutoCloseable {
    private static final int WRITE_BUFFER = 4 << 20;
    /** Written bytes after which a background fsync starts, so the disk works while writers compute. */
    private static final long WRITEBACK_BYTES = 32 << 20;
    private static final ExecutorService WRITEBACK = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "arena-writeback");
        t.setDaemon(true);
        return t;
    });

    private final Path path;
    private final ArenaHeader header;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private long tail;
    private volatile long flushedEnd;
    /** Running checksum of bytes [0, flushedEnd), or null when the arena was reopened and it is unknown. */
    private CRC32C checksum;
    /** Clumps in the arena, or -1 when unknown (a reopened arena). */
    private int clumpCount;
    /** The trailer once sealed; null while the arena takes appends. */
    private volatile ArenaTrailer trailer;
    /** Bytes written since the last fsync was started. */
    private long unforcedBytes;
    private Future<?> writeback = CompletableFuture.completedFuture(null);

    private ArenaAppender(Path path, ArenaHeader header, FileChannel channel, long tail, CRC32C checksum,
            int clumpCount) {
        this.path = path;
        this.header = header;
        this.channel = channel;
        this.tail = tail;
        this.flushedEnd = tail;
        this.checksum = checksum;
        this.clumpCount = clumpCount;
    }

    /**
     * Creates arena file {@code path} holding only {@code header}, durably (file and folder synced).
     *
     * @throws IOException when the file exists or cannot be written
     */
    static ArenaAppender create(Path path, ArenaHeader header) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        byte[] h = header.encode();
        ch.write(ByteBuffer.wrap(h), 0);
        ch.force(true);
        DurableFolder.sync(path.getParent());
        CRC32C crc = new CRC32C();
        crc.update(h);
        return new ArenaAppender(path, header, ch, ArenaHeader.SIZE, crc, 0);
    }

    /**
     * Reopens an unsealed arena for appending at {@code tail}, cutting off (durably)
     * any bytes after it.
     */
    static ArenaAppender reopen(Path path, ArenaHeader header, long tail) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (ch.size() > tail) {
            ch.truncate(tail);
            ch.force(true);
        }
        return new ArenaAppender(path, header, ch, tail, null, -1);
    }

    int number() {
        return header.number();
    }

    Path path() {
        return path;
    }

    /** The offset where the next clump goes. */
    long tail() {
        return tail;
    }

    /** The offset up to which appended bytes are in the file (not necessarily durable). */
    long flushedEnd() {
        return flushedEnd;
    }

    /** Whether a clump of {@code clumpLength} bytes fits with room left for the trailer. */
    boolean fits(int clumpLength) {
        return trailer == null && tail + clumpLength + ArenaTrailer.SIZE <= header.capacity();
    }

    /** Appends a clump and returns its address; the caller checked {@link #fits}. */
    ClumpAddress append(ClumpCodec.Encoded clump) throws IOException {
        ClumpHeader h = clump.header();
        if (!fits(h.clumpLength())) {
            throw new IllegalStateException("clump does not fit arena " + path);
        }
        if (buffer.remaining() < h.clumpLength()) {
            flush();
        }
        ClumpAddress address = new ClumpAddress(header.number(), tail, h.clumpLength());
        byte[] head = h.encode();
        buffer.put(head);
        buffer.put(clump.stored(), clump.offset(), h.storedSize());
        tail += h.clumpLength();
        if (clumpCount >= 0) {
            clumpCount++;
        }
        return address;
    }

    /**
     * Copies the clump at {@code address} into {@code into} (cleared, then flipped) while it
     * is still in the write buffer; false when it is not (in the file already, or in
     * another arena). Flushes write whole clumps, so a clump is either all in the buffer
     * or all in the file.
     */
    boolean copyBuffered(ClumpAddress address, ByteBuffer into) {
        if (address.arena() != number() || address.offset() < flushedEnd) {
            return false;
        }
        into.clear().put(buffer.slice((int) (address.offset() - flushedEnd), address.length())).flip();
        return true;
    }

    /** Writes buffered clumps to the file (not durably). */
    void flush() throws IOException {
        buffer.flip();
        if (checksum != null) {
            checksum.update(buffer.duplicate());
        }
        long at = flushedEnd;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        buffer.clear();
        unforcedBytes += at - flushedEnd;
        flushedEnd = at;
        if (unforcedBytes >= WRITEBACK_BYTES && writeback.isDone()) {
            unforcedBytes = 0;
            writeback = WRITEBACK.submit(this::forceQuietly);
        }
    }

    /**
     * Forces the file in the background. Failures are left to the next {@link #force},
     * which the durability of a sync rests on.
     */
    private void forceQuietly() {
        try {
            channel.force(false);
        } catch (IOException e) {
            // A closed channel or an I/O error: the next force reports what matters.
        }
    }

    /**
     * Makes the bytes already written to the file durable; any thread may call it while
     * appends go on. An arena sealed meanwhile (its channel closed) is durable already.
     */
    void forceWritten() throws IOException {
        try {
            channel.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            if (trailer == null) {
                throw e;
            }
        }
    }

    /** Flushes and makes every appended clump durable. */
    void force() throws IOException {
        flush();
        channel.force(false);
        unforcedBytes = 0;
    }

    /**
     * Writes the trailer after the last clump and makes the arena durable; no append may
     * follow. Sealing a sealed arena does nothing.
     *
     * @return the trailer written
     */
    ArenaTrailer seal() throws IOException {
        if (trailer != null) {
            return trailer;
        }
        flush();
        if (checksum == null || clumpCount < 0) {
            int[] counted = {0};
            ArenaScanner.scan(path, ArenaHeader.SIZE, false, header.number(), (k, a, h, stored) -> counted[0]++);
            clumpCount = counted[0];
            checksum = null;
        }
        int crc = checksum != null ? (int) checksum.getValue() : ArenaChecksum.of(path, tail);
        ArenaTrailer sealedWith = new ArenaTrailer(clumpCount, tail, crc);
        channel.write(ByteBuffer.wrap(sealedWith.encode()), tail);
        channel.force(false);
        tail += ArenaTrailer.SIZE;
        flushedEnd = tail;
        trailer = sealedWith;
        return trailer;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
