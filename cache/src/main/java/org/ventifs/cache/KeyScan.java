package org.ventifs.cache;

import java.util.Arrays;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/** Walking the keys of a table that share a prefix, in key order, with a cursor. */
final class KeyScan {
    /** What to do with one key and its value; returns whether to go on. */
    interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** Whether to delete one key. */
    interface Condition {
        boolean test(byte[] key, byte[] value);
    }

    private KeyScan() {
    }

    /** Visits the keys of {@code dbi} that start with {@code prefix} and are at least {@code from}. */
    static void forEach(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix, byte[] from, Visitor visitor) {
        try (Cursor<byte[]> c = dbi.openCursor(txn)) {
            // LMDB rejects an empty key, so an empty start means the first key.
            if (!(from.length == 0 ? c.first() : c.get(from, GetOp.MDB_SET_RANGE))) {
                return;
            }
            do {
                byte[] key = c.key();
                if (!startsWith(key, prefix) || !visitor.visit(key, c.val())) {
                    return;
                }
            } while (c.next());
        }
    }

    /** Visits the keys of {@code dbi} that start with {@code prefix}. */
    static void forEach(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix, Visitor visitor) {
        forEach(dbi, txn, prefix, prefix, visitor);
    }

    /** Deletes the keys with {@code prefix}, at least {@code from}, that meet {@code condition}; returns how many. */
    static int deleteWhere(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix, byte[] from, Condition condition) {
        java.util.List<byte[]> doomed = new java.util.ArrayList<>();
        forEach(dbi, txn, prefix, from, (key, value) -> {
            if (condition.test(key, value)) {
                doomed.add(key);
            }
            return true;
        });
        for (byte[] key : doomed) {
            dbi.delete(txn, key);
        }
        return doomed.size();
    }

    /** Whether any key of {@code dbi} starts with {@code prefix}. */
    static boolean any(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix) {
        boolean[] found = {false};
        forEach(dbi, txn, prefix, (k, v) -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
