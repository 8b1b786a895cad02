package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DirEntryTest {
    private static final String BASE_AFTER_QID = "0001 75 0001 67 0001 6d 5f000000 00000000 5f000001 5f000002 000001a4";

    static DirEntry plain(String name, int entry, int mentry, long qid) {
        return new DirEntry(name, entry, 0, mentry, 0, qid, "u", "g", "m", 0x5f000000L, 0, 0x5f000001L,
                0x5f000002L, 0644, null, null);
    }

    @Test
    void version9GoldenBytes() {
        DirEntry e = plain("ab", 3, 4, 5);
        byte[] golden = Hex.bytes("1c4d9072 0009 0002 6162 00000003 00000000 00000004 00000000 0000000000000005 "
                + BASE_AFTER_QID);
        assertArrayEquals(golden, e.encode());
        assertEquals(e, DirEntry.decode(golden, 0, golden.length));
    }

    @Test
    void version8ImpliesMentryAndReadsGenFromItsExtension() {
        byte[] v8 = Hex.bytes("1c4d9072 0008 0002 6162 00000003 0000000000000005 " + BASE_AFTER_QID
                + " 01 000c 0000000000000005 00000000" // Plan 9 extension: skipped
                + " 04 0004 00000009" // Gen
                + " 99 0002 ffff"); // unknown: skipped
        DirEntry e = DirEntry.decode(v8, 0, v8.length);
        assertEquals(new DirEntry("ab", 3, 9, 4, 0, 5, "u", "g", "m", 0x5f000000L, 0, 0x5f000001L,
                0x5f000002L, 0644, null, null), e);
    }

    @Test
    void version7SkipsTwentyBytesAfterTheQid() {
        byte[] v7 = Hex.bytes("1c4d9072 0007 0001 78 00000000 0000000000000001 " + Hex.repeat("ee", 20)
                + BASE_AFTER_QID);
        DirEntry e = DirEntry.decode(v7, 0, v7.length);
        assertEquals("x", e.elem());
        assertEquals(1, e.mentry());
        assertEquals("u", e.uid());
        assertEquals(0644, e.mode());
    }

    @Test
    void qidSpaceAndPosixExtensionGoldenBytes() {
        PosixExtension posix = new PosixExtension(0100644, 1000, 1001, 0, 42,
                new PosixExtension.Timestamp(0x60000000L, 1), new PosixExtension.Timestamp(0x60000001L, 2),
                new PosixExtension.Timestamp(0x60000002L, 3), List.of(new Xattr("user.a", new byte[] {1, 2})));
        DirEntry e = new DirEntry("/", 0, 0, 1, 0, 0, "u", "g", "m", 0x5f000000L, 0, 0x5f000001L, 0x5f000002L,
                0644, new QidSpace(0, 7), posix);
        byte[] golden = Hex.bytes("1c4d9072 0009 0001 2f 00000000 00000000 00000001 00000000 0000000000000000 "
                + BASE_AFTER_QID
                + " 03 0010 0000000000000000 0000000000000007"
                + " 56 004f 01 000081a4 000003e8 000003e9 0000000000000000 000000000000002a"
                + " 0000000060000000 00000001 0000000060000001 00000002 0000000060000002 00000003"
                + " 0001 0006 757365722e61 0002 0102");
        assertArrayEquals(golden, e.encode());
        assertEquals(e, DirEntry.decode(golden, 0, golden.length));
    }

    @Test
    void badMagicVersionAndEveryTruncationAreFormatErrors() {
        byte[] good = randomEntry(new Random(1)).encode();
        byte[] badMagic = good.clone();
        badMagic[0] ^= 1;
        assertThrows(VacFormatException.class, () -> DirEntry.decode(badMagic, 0, badMagic.length));
        byte[] badVersion = good.clone();
        badVersion[5] = 10;
        assertThrows(VacFormatException.class, () -> DirEntry.decode(badVersion, 0, badVersion.length));
        for (int n = 0; n < good.length; n++) {
            int length = n;
            try {
                DirEntry.decode(good, 0, length);
                // A cut exactly between extensions is a shorter valid entry; anything else must fail.
            } catch (VacFormatException expected) {
                continue;
            }
        }
        assertThrows(VacFormatException.class, () -> DirEntry.decode(good, 0, 30));
        assertThrows(VacFormatException.class, () -> DirEntry.decode(good, 10, good.length));
    }

    @Test
    void randomEntriesRoundTrip() {
        Random random = new Random(3);
        for (int i = 0; i < 1000; i++) {
            DirEntry e = randomEntry(random);
            byte[] bytes = e.encode();
            assertEquals(e, DirEntry.decode(bytes, 0, bytes.length));
        }
    }

    static DirEntry randomEntry(Random random) {
        List<Xattr> xattrs = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            byte[] value = new byte[random.nextInt(40)];
            random.nextBytes(value);
            xattrs.add(new Xattr("user.k" + random.nextInt(1000), value));
        }
        PosixExtension posix = random.nextBoolean() ? null : new PosixExtension(random.nextInt(), random.nextInt(),
                random.nextInt(), random.nextLong(), random.nextLong(), time(random), time(random), time(random),
                xattrs);
        QidSpace space = random.nextInt(5) == 0 ? new QidSpace(random.nextLong(), random.nextLong()) : null;
        return new DirEntry("name-" + random.nextInt() + "-\u00e9", random.nextInt(), random.nextInt(),
                random.nextInt(), random.nextInt(), random.nextLong(), "user" + random.nextInt(100), "grp",
                random.nextBoolean() ? "" : "mid", random.nextLong() & 0xffffffffL, random.nextInt(),
                random.nextLong() & 0xffffffffL, random.nextLong() & 0xffffffffL, random.nextInt(), space, posix);
    }

    private static PosixExtension.Timestamp time(Random random) {
        return new PosixExtension.Timestamp(random.nextLong(), random.nextInt(1_000_000_000));
    }
}
