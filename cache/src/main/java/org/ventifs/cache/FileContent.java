package org.ventifs.cache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.Txn;
import org.ventifs.vac.Entry;

/**
 * A regular file's bytes: dirty blocks in the {@code blocks} table over the file's base in
 * Venti. A dirty block shadows the base; base bytes show only below the inode's
 * {@code baseValid}; everything else reads as zeros. Bytes of a dirty block past the file's
 * size are always zero, so growing a file needs no writes.
 */
final class FileContent {
    /** The largest file, as vac can store it: 2^48 - 1 bytes. */
    static final long MAX_SIZE = Entry.MAX_SIZE;

    private final CacheEnvironment db;
    private final int blockSize;
    private final BaseReader bases;

    FileContent(CacheEnvironment db, int blockSize, BaseReader bases) {
        this.db = db;
        this.blockSize = blockSize;
        this.bases = bases;
    }

    int blockSize() {
        return blockSize;
    }

    /** Reads up to {@code length} bytes at {@code offset}; returns how many (0 at or past the end). */
    int read(Txn<byte[]> txn, long ino, InodeRecord rec, long offset, byte[] dst, int dstOffset, int length)
            throws IOException {
        if (offset >= rec.size()) {
            return 0;
        }
        int n = (int) Math.min(length, rec.size() - offset);
        int done = 0;
        while (done < n) {
            long pos = offset + done;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, n - done);
            readBlockPart(txn, ino, rec, pos / blockSize, inBlock, dst, dstOffset + done, chunk);
            done += chunk;
        }
        return n;
    }

    private void readBlockPart(Txn<byte[]> txn, long ino, InodeRecord rec, long blockNo, int inBlock,
                               byte[] dst, int dstOffset, int length) throws IOException {
        byte[] stored = db.blocks.get(txn, new BlockKey(ino, blockNo).encode());
        if (stored != null) {
            int available = Math.max(0, Math.min(length, stored.length - 8 - inBlock));
            if (available > 0) {
                System.arraycopy(stored, 8 + inBlock, dst, dstOffset, available);
            }
            Arrays.fill(dst, dstOffset + available, dstOffset + length, (byte) 0);
            return;
        }
        long pos = blockNo * blockSize + inBlock;
        int fromBase = rec.hasBase() ? (int) Math.max(0, Math.min(length, rec.baseValid() - pos)) : 0;
        if (fromBase > 0) {
            if (bases == null) {
                throw new ErrnoException(Errno.EIO, "inode " + ino + " has a base but this cache was opened without Venti");
            }
            try {
                bases.read(rec.base(), pos, dst, dstOffset, fromBase);
            } catch (ErrnoException e) {
                throw e;
            } catch (IOException e) {
                throw new ErrnoException(Errno.EIO, "reading the base of inode " + ino + " from Venti: " + e.getMessage());
            }
        }
        Arrays.fill(dst, dstOffset + fromBase, dstOffset + length, (byte) 0);
    }

    /** Writes {@code length} bytes at {@code offset} in {@code epoch}; returns the record with the new size. */
    InodeRecord write(Txn<byte[]> txn, long ino, InodeRecord rec, long epoch, long offset, byte[] src,
                      int srcOffset, int length) throws IOException {
        if (offset < 0 || offset > MAX_SIZE - length) {
            throw new ErrnoException(Errno.EFBIG, "writing " + length + " bytes at " + offset
                    + " would pass the largest file size " + MAX_SIZE);
        }
        byte[] block = new byte[blockSize];
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long blockNo = pos / blockSize;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, length - done);
            if (chunk < blockSize) {
                readBlockPart(txn, ino, rec, blockNo, 0, block, 0, blockSize);
            }
            System.arraycopy(src, srcOffset + done, block, inBlock, chunk);
            db.blocks.put(txn, new BlockKey(ino, blockNo).encode(), DirtyBlock.encode(epoch, block, blockSize));
            done += chunk;
        }
        return rec.edit().size(Math.max(rec.size(), offset + length)).build();
    }

    /**
     * Sets the file's size. Shrinking drops whole blocks past the end, zeroes the tail of
     * the last one, and lowers {@code baseValid} so old base bytes never show again.
     */
    InodeRecord truncate(Txn<byte[]> txn, long ino, InodeRecord rec, long epoch, long newSize)
            throws ErrnoException {
        if (newSize > MAX_SIZE) {
            throw new ErrnoException(Errno.EFBIG, "size " + newSize + " passes the largest file size " + MAX_SIZE);
        }
        if (newSize >= rec.size()) {
            return rec.edit().size(newSize).build();
        }
        long firstGone = (newSize + blockSize - 1) / blockSize;
        KeyScan.deleteWhere(db.blocks, txn, LongKeys.of(ino), new BlockKey(ino, firstGone).encode(), (k, v) -> true);
        int keep = (int) (newSize % blockSize);
        if (keep != 0) {
            byte[] key = new BlockKey(ino, newSize / blockSize).encode();
            byte[] stored = db.blocks.get(txn, key);
            if (stored != null && stored.length - 8 > keep) {
                db.blocks.put(txn, key, DirtyBlock.encode(epoch, Arrays.copyOfRange(stored, 8, 8 + keep), keep));
            }
        }
        long shrinkMin = rec.shrinkEpoch() == epoch ? Math.min(rec.shrinkMin(), newSize) : newSize;
        return rec.edit().size(newSize).baseValid(Math.min(rec.baseValid(), newSize)).shrink(epoch, shrinkMin).build();
    }

    /** Deletes every dirty block of {@code ino}. */
    void deleteAll(Txn<byte[]> txn, long ino) {
        KeyScan.deleteWhere(db.blocks, txn, LongKeys.of(ino), LongKeys.of(ino), (k, v) -> true);
    }

    /** Deletes the dirty blocks of {@code ino} written in {@code epoch} or earlier. */
    void deleteUpTo(Txn<byte[]> txn, long ino, long epoch) {
        KeyScan.deleteWhere(db.blocks, txn, LongKeys.of(ino), LongKeys.of(ino),
                (k, v) -> DirtyBlock.epochOf(v) <= epoch);
    }

    /** The numbers of the dirty blocks of {@code ino} written in {@code epoch} or earlier, ascending. */
    long[] dirtyBlocks(Txn<byte[]> txn, long ino, long epoch) {
        List<Long> found = new ArrayList<>();
        KeyScan.forEach(db.blocks, txn, LongKeys.of(ino), (k, v) -> {
            if (DirtyBlock.epochOf(v) <= epoch) {
                found.add(BlockKey.decode(k).blockNo());
            }
            return true;
        });
        return found.stream().mapToLong(Long::longValue).toArray();
    }
}
