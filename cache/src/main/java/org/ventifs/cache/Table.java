package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Stat;
import org.lmdbjava.Txn;

/**
 * One LMDB table with the records' byte-array keys and values, passed to LMDB without
 * allocating native memory: a key is copied into a direct buffer the calling thread reuses,
 * a value is written straight into the space LMDB reserves for it in the map, and a value
 * read is copied out of the map once. A {@link #view} of a value points into the map and is
 * valid only until the next call on the same transaction.
 */
final class Table {
    /** LMDB's largest key. */
    static final int MAX_KEY = 511;
    private static final ThreadLocal<ByteBuffer> KEY_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_KEY));

    private final Dbi<ByteBuffer> dbi;

    Table(Dbi<ByteBuffer> dbi) {
        this.dbi = dbi;
    }

    /** The value of {@code key} copied out of the map, or null when absent. */
    byte[] get(Txn<ByteBuffer> txn, byte[] key) {
        ByteBuffer value = view(txn, key);
        return value == null ? null : bytes(value);
    }

    /** The value of {@code key} in the map, or null: read it before the next call on {@code txn}. */
    ByteBuffer view(Txn<ByteBuffer> txn, byte[] key) {
        ByteBuffer value = dbi.get(txn, key(key));
        return value == null ? null : value.order(ByteOrder.BIG_ENDIAN);
    }

    /** Stores {@code value} under {@code key}, copying it once, straight into the map. */
    void put(Txn<ByteBuffer> txn, byte[] key, byte[] value) {
        reserve(txn, key, value.length).put(value);
    }

    /**
     * Makes {@code key}'s value {@code length} bytes of unspecified content and returns them in
     * the map, to be filled before the next call on {@code txn}.
     */
    ByteBuffer reserve(Txn<ByteBuffer> txn, byte[] key, int length) {
        return dbi.reserve(txn, key(key), length).order(ByteOrder.BIG_ENDIAN);
    }

    /** Deletes {@code key}; returns whether it was there. */
    boolean delete(Txn<ByteBuffer> txn, byte[] key) {
        return dbi.delete(txn, key(key));
    }

    /** The table's page and entry counts as {@code txn} sees them. */
    Stat stat(Txn<ByteBuffer> txn) {
        return dbi.stat(txn);
    }

    /** A cursor over the table, for {@link KeyScan}. */
    Cursor<ByteBuffer> openCursor(Txn<ByteBuffer> txn) {
        return dbi.openCursor(txn);
    }

    /** Positions {@code cursor} at the first key at least {@code from} (the first key when empty); returns whether there is one. */
    static boolean seek(Cursor<ByteBuffer> cursor, byte[] from) {
        // LMDB rejects an empty key, so an empty start means the first key.
        return from.length == 0 ? cursor.first() : cursor.get(key(from), GetOp.MDB_SET_RANGE);
    }

    /** The remaining bytes of {@code buffer}, copied into a new array. */
    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(buffer.position(), out);
        return out;
    }

    private static ByteBuffer key(byte[] key) {
        if (key.length > MAX_KEY) {
            throw new IllegalArgumentException("a key of " + key.length + " bytes is longer than LMDB's " + MAX_KEY);
        }
        ByteBuffer buffer = KEY_BUFFER.get();
        buffer.clear();
        buffer.put(key).flip();
        return buffer;
    }
}
