package org.ventifs.cache;

import java.nio.ByteBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/** Walking the keys of a table that share a prefix, in key order, with a cursor. */
final class KeyScan {
    /** What to do with one key and its value; returns whether to go on. */
    interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** As {@link Visitor}, seeing the value in the map (valid only during the call), so large values are not copied. */
    interface ViewVisitor {
        boolean visit(byte[] key, ByteBuffer value);
    }

    /** Whether to delete one key, given its value in the map. */
    interface Condition {
        boolean test(byte[] key, ByteBuffer value);
    }

    private KeyScan() {
    }

    /** Visits the keys of {@code table} that start with {@code prefix} and are at least {@code from}, values unread. */
    static void forEachView(Table table, Txn<ByteBuffer> txn, byte[] prefix, byte[] from, ViewVisitor visitor) {
        try (Cursor<ByteBuffer> c = table.openCursor(txn)) {
            if (!Table.seek(c, from)) {
                return;
            }
            do {
                ByteBuffer key = c.key();
                if (!startsWith(key, prefix) || !visitor.visit(Table.bytes(key), c.val())) {
                    return;
                }
            } while (c.next());
        }
    }

    /** Visits the keys of {@code table} that start with {@code prefix} and are at least {@code from}. */
    static void forEach(Table table, Txn<ByteBuffer> txn, byte[] prefix, byte[] from, Visitor visitor) {
        forEachView(table, txn, prefix, from, (key, value) -> visitor.visit(key, Table.bytes(value)));
    }

    /** Visits the keys of {@code table} that start with {@code prefix}. */
    static void forEach(Table table, Txn<ByteBuffer> txn, byte[] prefix, Visitor visitor) {
        forEach(table, txn, prefix, prefix, visitor);
    }

    /** Deletes the keys with {@code prefix}, at least {@code from}, that meet {@code condition}; returns how many. */
    static int deleteWhere(Table table, Txn<ByteBuffer> txn, byte[] prefix, byte[] from, Condition condition) {
        int deleted = 0;
        try (Cursor<ByteBuffer> c = table.openCursor(txn)) {
            if (!Table.seek(c, from)) {
                return 0;
            }
            do {
                ByteBuffer key = c.key();
                if (!startsWith(key, prefix)) {
                    break;
                }
                if (condition.test(Table.bytes(key), c.val())) {
                    c.delete(); // the cursor then stands on the next key, which next() returns
                    deleted++;
                }
            } while (c.next());
        }
        return deleted;
    }

    /** Whether any key of {@code table} starts with {@code prefix}. */
    static boolean any(Table table, Txn<ByteBuffer> txn, byte[] prefix) {
        boolean[] found = {false};
        forEachView(table, txn, prefix, prefix, (k, v) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    static boolean startsWith(ByteBuffer key, byte[] prefix) {
        if (key.remaining() < prefix.length) {
            return false;
        }
        int at = key.position();
        for (int i = 0; i < prefix.length; i++) {
            if (key.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
