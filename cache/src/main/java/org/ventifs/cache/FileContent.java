package org.ventifs.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
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

    /**
     * Reads up to {@code length} bytes at {@code offset}; returns how many (0 at or past the end).
     * The parts that come from the base are left to {@code later} (see {@link BaseReads}).
     */
    int read(Txn<ByteBuffer> txn, long ino, InodeRecord rec, long offset, byte[] dst, int dstOffset, int length,
             BaseReads later) throws IOException {
        if (offset >= rec.size()) {
            return 0;
        }
        int n = (int) Math.min(length, rec.size() - offset);
        int done = 0;
        while (done < n) {
            long pos = offset + done;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, n - done);
            readBlockPart(txn, ino, rec, pos / blockSize, inBlock, dst, dstOffset + done, chunk, later);
            done += chunk;
        }
        return n;
    }

    private void readBlockPart(Txn<ByteBuffer> txn, long ino, InodeRecord rec, long blockNo, int inBlock,
                               byte[] dst, int dstOffset, int length, BaseReads later) throws IOException {
        ByteBuffer stored = db.blocks.view(txn, new BlockKey(ino, blockNo).encode());
        int available;
        if (stored != null) {
            available = Math.max(0, Math.min(length, DirtyBlock.dataLength(stored) - inBlock));
            if (available > 0) {
                stored.get(stored.position() + 8 + inBlock, dst, dstOffset, available);
            }
        } else {
            long pos = blockNo * blockSize + inBlock;
            available = baseBytes(ino, rec, pos, length);
            if (available > 0) {
                later.add(ino, rec.base(), pos, dst, dstOffset, available);
            }
        }
        Arrays.fill(dst, dstOffset + available, dstOffset + length, (byte) 0);
    }

    /** How many of {@code length} bytes at {@code pos} show the base (the rest are zeros). */
    private int baseBytes(long ino, InodeRecord rec, long pos, int length) throws ErrnoException {
        int fromBase = rec.hasBase() ? (int) Math.max(0, Math.min(length, rec.baseValid() - pos)) : 0;
        if (fromBase > 0 && bases == null) {
            throw new ErrnoException(Errno.EIO, "inode " + ino + " has a base but this cache was opened without Venti");
        }
        return fromBase;
    }

    /** Reads the base ranges {@code later} collected. @throws ErrnoException EIO when Venti cannot give them */
    void readBases(BaseReads later) throws ErrnoException {
        for (BaseReads.Range r : later.ranges()) {
            readFromVenti(r.ino(), r.base(), r.pos(), r.dst(), r.dstOffset(), r.length());
        }
    }

    /** Reads what shows of the base of up to {@code length} bytes at {@code pos} now; returns how many (the rest are zeros). */
    private int readBase(long ino, InodeRecord rec, long pos, byte[] dst, int dstOffset, int length) throws IOException {
        int fromBase = baseBytes(ino, rec, pos, length);
        if (fromBase > 0) {
            readFromVenti(ino, rec.base(), pos, dst, dstOffset, fromBase);
        }
        return fromBase;
    }

    private void readFromVenti(long ino, byte[] base, long pos, byte[] dst, int dstOffset, int length)
            throws ErrnoException {
        try {
            bases.read(base, pos, dst, dstOffset, length);
        } catch (ErrnoException e) {
            throw e;
        } catch (IOException e) {
            throw new ErrnoException(Errno.EIO, "reading the base of inode " + ino + " from Venti: " + e.getMessage());
        }
    }

    /** Writes {@code length} bytes at {@code offset} in {@code epoch}; returns the record with the new size. */
    InodeRecord write(Txn<ByteBuffer> txn, long ino, InodeRecord rec, long epoch, long offset, byte[] src,
                      int srcOffset, int length) throws IOException {
        if (offset < 0 || offset > MAX_SIZE - length) {
            throw new ErrnoException(Errno.EFBIG, "writing " + length + " bytes at " + offset
                    + " would pass the largest file size " + MAX_SIZE);
        }
        byte[] block = null;
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long blockNo = pos / blockSize;
            int inBlock = (int) (pos % blockSize);
            int chunk = Math.min(blockSize - inBlock, length - done);
            byte[] key = new BlockKey(ino, blockNo).encode();
            if (chunk == blockSize) {
                putBlock(txn, key, epoch, src, srcOffset + done, blockSize);
            } else {
                if (block == null) {
                    block = new byte[blockSize];
                }
                int valid = readBlockStart(txn, ino, rec, blockNo, key, block);
                if (valid < inBlock) {
                    Arrays.fill(block, valid, inBlock, (byte) 0);
                }
                System.arraycopy(src, srcOffset + done, block, inBlock, chunk);
                int end = Math.max(valid, inBlock + chunk);
                putBlock(txn, key, epoch, block, 0, end);
            }
            done += chunk;
        }
        return rec.edit().size(Math.max(rec.size(), offset + length)).build();
    }

    /**
     * Reads the start of block {@code blockNo} into {@code block}: its dirty bytes, else what
     * shows of the base; returns how many were read (the block's bytes past them are zeros).
     */
    private int readBlockStart(Txn<ByteBuffer> txn, long ino, InodeRecord rec, long blockNo, byte[] key, byte[] block)
            throws IOException {
        ByteBuffer stored = db.blocks.view(txn, key);
        if (stored == null) {
            return readBase(ino, rec, blockNo * blockSize, block, 0, blockSize);
        }
        int length = Math.min(blockSize, DirtyBlock.dataLength(stored));
        stored.get(stored.position() + 8, block, 0, length);
        return length;
    }

    /** Stores {@code length} bytes of {@code src} as a block of {@code epoch}, trailing zeros dropped, copied once into the map. */
    private void putBlock(Txn<ByteBuffer> txn, byte[] key, long epoch, byte[] src, int srcOffset, int length) {
        int kept = length;
        while (kept > 0 && src[srcOffset + kept - 1] == 0) {
            kept--;
        }
        ByteBuffer value = db.blocks.reserve(txn, key, 8 + kept);
        value.putLong(value.position(), epoch).put(value.position() + 8, src, srcOffset, kept);
    }

    /**
     * Sets the file's size. Shrinking drops whole blocks past the end, zeroes the tail of
     * the last one, and lowers {@code baseValid} so old base bytes never show again.
     */
    InodeRecord truncate(Txn<ByteBuffer> txn, long ino, InodeRecord rec, long epoch, long newSize)
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
            ByteBuffer stored = db.blocks.view(txn, key);
            if (stored != null && DirtyBlock.dataLength(stored) > keep) {
                byte[] kept = new byte[keep];
                stored.get(stored.position() + 8, kept);
                putBlock(txn, key, epoch, kept, 0, keep);
            }
        }
        long shrinkMin = rec.shrinkEpoch() == epoch ? Math.min(rec.shrinkMin(), newSize) : newSize;
        return rec.edit().size(newSize).baseValid(Math.min(rec.baseValid(), newSize)).shrink(epoch, shrinkMin).build();
    }

    /** Deletes every dirty block of {@code ino}. */
    void deleteAll(Txn<ByteBuffer> txn, long ino) {
        KeyScan.deleteWhere(db.blocks, txn, LongKeys.of(ino), LongKeys.of(ino), (k, v) -> true);
    }

    /** Deletes the dirty blocks of {@code ino} written in {@code epoch} or earlier. */
    void deleteUpTo(Txn<ByteBuffer> txn, long ino, long epoch) {
        KeyScan.deleteWhere(db.blocks, txn, LongKeys.of(ino), LongKeys.of(ino),
                (k, v) -> DirtyBlock.epochOf(v) <= epoch);
    }

    /** The numbers of the dirty blocks of {@code ino} written in {@code epoch} or earlier, ascending. */
    long[] dirtyBlocks(Txn<ByteBuffer> txn, long ino, long epoch) {
        List<Long> found = new ArrayList<>();
        KeyScan.forEachView(db.blocks, txn, LongKeys.of(ino), LongKeys.of(ino), (k, v) -> {
            if (DirtyBlock.epochOf(v) <= epoch) {
                found.add(BlockKey.decode(k).blockNo());
            }
            return true;
        });
        return found.stream().mapToLong(Long::longValue).toArray();
    }
}
