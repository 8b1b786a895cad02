package org.ventifs.venti.wire;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockTooLargeException;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.Score;
import org.ventifs.venti.ScoreCollisionException;
import org.ventifs.venti.wire.VentiMessage.Rerror;
import org.ventifs.venti.wire.VentiMessage.Rping;
import org.ventifs.venti.wire.VentiMessage.Rread;
import org.ventifs.venti.wire.VentiMessage.Rsync;
import org.ventifs.venti.wire.VentiMessage.Rwrite;
import org.ventifs.venti.wire.VentiMessage.Tping;
import org.ventifs.venti.wire.VentiMessage.Tread;
import org.ventifs.venti.wire.VentiMessage.Tsync;
import org.ventifs.venti.wire.VentiMessage.Twrite;

/**
 * A {@link BlockStore} on a remote Venti server (ours or plan9port's): put is
 * Twrite, get is Tread, sync is Tsync. Thread-safe; requests from all threads share
 * one pipelined connection (up to 256 in flight). Every returned score is checked
 * against our own SHA-1 and every block read against its score; zero-score reads
 * are answered locally. A dropped connection fails the requests in flight with an
 * IOException naming the server, and the next call reconnects. No call waits longer
 * than the request timeout.
 */
public final class VentiClient implements BlockStore {
    /** How long a request may wait for its reply unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final VentiAddress address;
    private final Duration timeout;
    private ClientConnection connection; // guarded by this
    private boolean closed; // guarded by this

    private VentiClient(VentiAddress address, Duration timeout, ClientConnection connection) {
        this.address = address;
        this.timeout = timeout;
        this.connection = connection;
    }

    /**
     * Connects to the server at {@code addr} ({@code tcp!host!port} or {@code host:port}).
     *
     * @throws IllegalArgumentException when {@code addr} is not an address
     * @throws IOException naming the server when no session can be opened
     */
    public static VentiClient connect(String addr) throws IOException {
        return connect(VentiAddress.parse(addr), DEFAULT_TIMEOUT);
    }

    /** Connects to {@code address}; no request will wait longer than {@code timeout}. */
    public static VentiClient connect(VentiAddress address, Duration timeout) throws IOException {
        return new VentiClient(address, timeout, ClientConnection.open(address, timeout));
    }

    /** The server's address. */
    public VentiAddress address() {
        return address;
    }

    /** The protocol version of the current connection ("02" or "04"). */
    public synchronized String version() throws IOException {
        return connection().framing().version();
    }

    @Override
    public Score put(BlockType type, byte[] data, int offset, int length) throws IOException {
        return await(putAsync(type, data, offset, length));
    }

    /**
     * Sends a Twrite and returns at once (waiting only for a free tag); the future
     * holds the score once the server answers and the score matches our SHA-1. The
     * bytes are hashed and copied into the message before this returns.
     *
     * @throws BlockTooLargeException when {@code length} exceeds {@link #MAX_BLOCK_SIZE}
     * @throws IOException when the connection is down and cannot be reopened
     */
    public CompletableFuture<Score> putAsync(BlockType type, byte[] data, int offset, int length)
            throws IOException {
        if (length > MAX_BLOCK_SIZE) {
            throw new BlockTooLargeException(length);
        }
        if (length == 0) {
            return CompletableFuture.completedFuture(Score.ZERO);
        }
        Score expected = Score.of(data, offset, length);
        return connection().send(tag -> Twrite.encode(tag, type, data, offset, length)).thenApply(reply -> {
            Rwrite written = expect(reply, Rwrite.class, expected, type);
            if (!written.score().equals(expected)) {
                throw new CompletionException(new CorruptBlockException("venti server " + address
                        + " returned score " + written.score() + " for a block whose SHA-1 is " + expected));
            }
            return expected;
        });
    }

    @Override
    public byte[] get(Score score, BlockType type) throws IOException {
        if (score.isZero()) {
            return new byte[0];
        }
        CompletableFuture<VentiMessage> reply = connection().send(tag -> new Tread(tag, score, type, MAX_BLOCK_SIZE).encode());
        byte[] data = await(reply.thenApply(r -> expect(r, Rread.class, score, type))).data();
        if (!Score.of(data).equals(score)) {
            throw new CorruptBlockException("venti server " + address + " returned " + data.length
                    + " bytes for block " + score + "/" + type.wireNumber() + " that do not hash to its score");
        }
        return data;
    }

    @Override
    public void sync() throws IOException {
        await(connection().send(tag -> new Tsync(tag).encode()).thenApply(r -> expect(r, Rsync.class, null, null)));
    }

    /** Sends Tping and waits for Rping: whether the server is alive and answering. */
    public void ping() throws IOException {
        await(connection().send(tag -> new Tping(tag).encode()).thenApply(r -> expect(r, Rping.class, null, null)));
    }

    /** Says goodbye to the server and closes the connection; later calls fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private synchronized ClientConnection connection() throws IOException {
        if (closed) {
            throw new IOException("the client of venti server " + address + " is closed");
        }
        if (connection == null || connection.isBroken()) {
            connection = null;
            connection = ClientConnection.open(address, timeout);
        }
        return connection;
    }

    private <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
            if (cause instanceof NoSuchBlockException || cause instanceof BlockTooLargeException
                    || cause instanceof ScoreCollisionException || cause instanceof CorruptBlockException) {
                throw (IOException) cause;
            }
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new IOException("venti client error talking to " + address + ": " + cause, cause);
        } catch (TimeoutException e) {
            IOException late = new IOException("venti server " + address + " did not answer within " + timeout
                    + "; the connection was dropped and will be reopened on the next call");
            ClientConnection c = currentConnection();
            if (c != null) {
                c.fail(late);
            }
            throw late;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for venti server " + address);
        }
    }

    private synchronized ClientConnection currentConnection() {
        return connection;
    }

    /** Returns {@code reply} as a {@code kind}, or throws (wrapped) the error an Rerror or wrong reply means. */
    private <R extends VentiMessage> R expect(VentiMessage reply, Class<R> kind, Score score, BlockType type) {
        if (kind.isInstance(reply)) {
            return kind.cast(reply);
        }
        IOException error;
        if (reply instanceof Rerror e) {
            error = remoteError(e.error(), score, type);
        } else {
            error = new ProtocolException("venti server " + address + " answered with " + reply
                    + " where " + kind.getSimpleName() + " was due");
        }
        throw new CompletionException(error);
    }

    /** Turns an Rerror's text back into the store exception that it reports. */
    private IOException remoteError(String text, Score score, BlockType type) {
        if (score != null && text.startsWith("no block with score")) {
            return new NoSuchBlockException(score, type);
        }
        if (score != null && text.startsWith("score collision")) {
            return new ScoreCollisionException(score, type);
        }
        return new IOException("venti server " + address + ": " + text);
    }
}
