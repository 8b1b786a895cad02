package org.ventifs.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Golden bytes written by hand from docs/cache-format.md, round trips, and bad input for every record. */
class RecordFormatTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void headerGoldenBytes() {
        CacheHeader h = new CacheHeader(1, 32768, 1L << 30, 1, 2, 3, 0);
        byte[] golden = hex("76656e7469667343" // "ventifsC"
                + "00000001" + "00008000" + "0000000040000000" + "00000001"
                + "0000000000000002" + "0000000000000003" + "0000000000000000");
        assertArrayEquals(golden, h.encode());
        assertEquals(h, CacheHeader.decode(golden));
        golden[0] = 'V';
        assertThrows(CorruptRecordException.class, () -> CacheHeader.decode(golden));
        assertThrows(CorruptRecordException.class, () -> CacheHeader.decode(Arrays.copyOf(h.encode(), 51)));
        assertThrows(CorruptRecordException.class, () -> CacheHeader.decode(Arrays.copyOf(h.encode(), 53)));
    }

    @Test
    void inodeGoldenBytes() {
        TreeMap<String, byte[]> xattrs = new TreeMap<>();
        xattrs.put("user.a", new byte[] {7});
        InodeRecord rec = new InodeRecord(FileType.SYMLINK, 0777, 1000, 100, 1, 1, 3, 10, 11, 12, 0, 3, 0, 0, 0,
                new byte[0], "t/x".getBytes(StandardCharsets.UTF_8), xattrs);
        byte[] golden = hex("03" + "00" + "01ff" + "000003e8" + "00000064" + "00000001" + "00000001"
                + "0000000000000003" // size
                + "000000000000000a" + "000000000000000b" + "000000000000000c" // atime mtime ctime
                + "0000000000000000" // rdev
                + "0000000000000003" // next cookie
                + "0000000000000000" + "0000000000000000" + "0000000000000000" // baseValid, shrink epoch, shrink min
                + "0000" // no base
                + "0003" + "742f78" // target "t/x"
                + "0001" + "06" + "757365722e61" + "00000001" + "07"); // one xattr user.a = 07
        assertArrayEquals(golden, rec.encode());
        assertEquals(rec, InodeRecord.decode(golden));
        assertEquals(InodeRecord.FIXED_SIZE + 2 + 2 + 3 + 2 + 1 + 6 + 4 + 1, golden.length);
    }

    @Test
    void inodeRoundTripsAndRejectsBadBytes() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            InodeRecord rec = randomInode(r);
            byte[] bytes = rec.encode();
            assertEquals(rec, InodeRecord.decode(bytes));
            int cut = r.nextInt(bytes.length);
            assertThrows(CorruptRecordException.class, () -> InodeRecord.decode(Arrays.copyOf(bytes, cut)));
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThrows(CorruptRecordException.class, () -> InodeRecord.decode(longer));
        }
        byte[] bad = randomInode(r).encode();
        bad[0] = 9;
        assertThrows(CorruptRecordException.class, () -> InodeRecord.decode(bad));
    }

    private static InodeRecord randomInode(Random r) {
        TreeMap<String, byte[]> xattrs = new TreeMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            byte[] v = new byte[r.nextInt(20)];
            r.nextBytes(v);
            xattrs.put("user." + r.nextInt(100), v);
        }
        byte[] base = new byte[r.nextBoolean() ? 40 : 0];
        r.nextBytes(base);
        byte[] target = new byte[r.nextInt(5)];
        r.nextBytes(target);
        return new InodeRecord(FileType.values()[r.nextInt(FileType.values().length)], r.nextInt(010000),
                r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(), r.nextLong(), r.nextLong(), r.nextLong(),
                r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), base, target, xattrs);
    }

    @Test
    void keysAndSmallValuesGoldenBytes() {
        assertArrayEquals(hex("0000000000000005 0000000000000007"), new BlockKey(5, 7).encode());
        assertArrayEquals(hex("0000000000000001 0000000000000003"), new DirentKey(1, 3).encode());
        assertArrayEquals(hex("0000000000000002 0000000000000009"), new ChangedKey(2, 9).encode());
        assertArrayEquals(hex("0000000000000001 6162"), new NameKey(1, "ab").encode());
        assertArrayEquals(hex("0000000000000004 0000000000000001 6162"), new LinkKey(4, 1, "ab").encode());
        assertArrayEquals(hex("0000000000000003 0000000000000004"), new NameTarget(3, 4).encode());
        assertArrayEquals(hex("0000000000000004 02 6162"), new DirentValue(4, FileType.DIRECTORY, "ab").encode());
        assertArrayEquals(hex("0000000000000002 0102"), DirtyBlock.of(2, new byte[] {1, 2, 0, 0}, 4).encode());
        assertEquals(new BlockKey(5, 7), BlockKey.decode(new BlockKey(5, 7).encode()));
        assertEquals(new DirentKey(1, 3), DirentKey.decode(new DirentKey(1, 3).encode()));
        assertEquals(new ChangedKey(2, 9), ChangedKey.decode(new ChangedKey(2, 9).encode()));
        assertEquals(new NameKey(1, "ab"), NameKey.decode(new NameKey(1, "ab").encode()));
        assertEquals(new LinkKey(4, 1, "é"), LinkKey.decode(new LinkKey(4, 1, "é").encode()));
        assertEquals(new NameTarget(3, 4), NameTarget.decode(new NameTarget(3, 4).encode()));
        assertEquals(new DirentValue(4, FileType.FIFO, "x"), DirentValue.decode(new DirentValue(4, FileType.FIFO, "x").encode()));
        assertEquals(new DirtyBlock(2, new byte[] {1, 2}), DirtyBlock.decode(hex("0000000000000002 0102")));
    }

    @Test
    void keysAndSmallValuesRejectBadLengths() {
        assertThrows(CorruptRecordException.class, () -> BlockKey.decode(new byte[15]));
        assertThrows(CorruptRecordException.class, () -> DirentKey.decode(new byte[17]));
        assertThrows(CorruptRecordException.class, () -> ChangedKey.decode(new byte[8]));
        assertThrows(CorruptRecordException.class, () -> NameKey.decode(new byte[7]));
        assertThrows(CorruptRecordException.class, () -> LinkKey.decode(new byte[15]));
        assertThrows(CorruptRecordException.class, () -> NameTarget.decode(new byte[12]));
        assertThrows(CorruptRecordException.class, () -> DirentValue.decode(new byte[9]));
        assertThrows(CorruptRecordException.class, () -> DirentValue.decode(hex("0000000000000004 63 61")));
        assertThrows(CorruptRecordException.class, () -> DirtyBlock.decode(new byte[7]));
    }

    @Test
    void keyOrderIsNumericOrder() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            long a = r.nextLong() >>> 1;
            long b = r.nextLong() >>> 1;
            assertEquals(Long.signum(Long.compare(a, b)),
                    Integer.signum(Arrays.compareUnsigned(new BlockKey(a, 0).encode(), new BlockKey(b, 0).encode())));
        }
    }
}
