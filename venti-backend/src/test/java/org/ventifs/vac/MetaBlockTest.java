package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetaBlockTest {
    @Test
    void goldenBytesWithFossilMagic() {
        DirEntry b = DirEntryTest.plain("b", 2, 3, 2);
        DirEntry a = DirEntryTest.plain("a", 0, 1, 1);
        byte[] ea = a.encode();
        byte[] eb = b.encode();
        int size = 12 + 8 + ea.length + eb.length;
        ByteBuffer golden = ByteBuffer.allocate(256);
        golden.put(Hex.bytes("5656fc7a")).putShort((short) size).putShort((short) 0).putShort((short) 2)
                .putShort((short) 2).putShort((short) 20).putShort((short) ea.length)
                .putShort((short) (20 + ea.length)).putShort((short) eb.length).put(ea).put(eb);
        byte[] encoded = MetaBlock.encode(NameOrder.FOSSIL, List.of(b, a), 256);
        assertArrayEquals(golden.array(), encoded);
        MetaBlock block = MetaBlock.decode(encoded);
        assertEquals(List.of(a, b), block.entries());
        assertEquals(NameOrder.FOSSIL, block.order());
    }

    @Test
    void eachMagicHasItsOwnNameOrder() {
        List<DirEntry> entries = new ArrayList<>();
        for (String name : List.of("b", "abc", "a", "ab")) {
            entries.add(DirEntryTest.plain(name, 0, 1, 0));
        }
        MetaBlock fossil = MetaBlock.decode(MetaBlock.encode(NameOrder.FOSSIL, entries, 1024));
        MetaBlock vac = MetaBlock.decode(MetaBlock.encode(NameOrder.VAC, entries, 1024));
        assertEquals(List.of("a", "ab", "abc", "b"), names(fossil));
        assertEquals(List.of("abc", "ab", "a", "b"), names(vac));
        byte[] raw = MetaBlock.encode(NameOrder.VAC, entries, 1024);
        assertEquals(0x5656fc79, ByteBuffer.wrap(raw).getInt());
        for (String name : List.of("a", "ab", "abc", "b")) {
            assertEquals(name, fossil.find(name).orElseThrow().elem());
            assertEquals(name, vac.find(name).orElseThrow().elem());
        }
        assertTrue(vac.find("abcd").isEmpty());
        assertTrue(fossil.find("").isEmpty());
    }

    @Test
    void binarySearchFindsEveryNameOfAFullBlock() {
        Random random = new Random(9);
        List<DirEntry> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = Integer.toString(random.nextInt(1 << 20), 2 + random.nextInt(30));
            if (!names.contains(name)) {
                names.add(name);
                entries.add(DirEntryTest.plain(name, i, i + 1, i));
            }
        }
        for (NameOrder order : NameOrder.values()) {
            Collections.shuffle(entries, random);
            MetaBlock block = MetaBlock.decode(MetaBlock.encode(order, entries, 16384));
            assertEquals(entries.size(), block.count());
            for (String name : names) {
                assertEquals(name, block.find(name).orElseThrow().elem());
                assertTrue(block.find(name + "\u0001").isEmpty());
            }
        }
    }

    @Test
    void tooManyEntriesDoNotFit() {
        List<DirEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(DirEntryTest.plain("n" + i, i, i, i));
        }
        assertThrows(VacFormatException.class, () -> MetaBlock.encode(NameOrder.FOSSIL, entries, 256));
        assertFalse(MetaBlock.fits(20, 20 * 50, 256));
    }

    @Test
    void corruptHeadersAndSlotsAreFormatErrors() {
        byte[] good = MetaBlock.encode(NameOrder.FOSSIL, List.of(DirEntryTest.plain("a", 0, 1, 0)), 256);
        byte[] badMagic = good.clone();
        badMagic[3] = 0x7b;
        assertThrows(VacFormatException.class, () -> MetaBlock.decode(badMagic));
        byte[] badSlot = good.clone();
        badSlot[12] = 0x7f; // offset past size
        assertThrows(VacFormatException.class, () -> MetaBlock.decode(badSlot));
        byte[] badSize = good.clone();
        badSize[4] = 0x7f;
        assertThrows(VacFormatException.class, () -> MetaBlock.decode(badSize));
        assertThrows(VacFormatException.class, () -> MetaBlock.decode(new byte[5]));
    }

    @Test
    void randomBlocksRoundTrip() {
        Random random = new Random(5);
        for (int i = 0; i < 100; i++) {
            List<DirEntry> entries = new ArrayList<>();
            for (int j = random.nextInt(20); j >= 0; j--) {
                entries.add(DirEntryTest.randomEntry(random));
            }
            NameOrder order = NameOrder.values()[random.nextInt(2)];
            MetaBlock block = MetaBlock.decode(MetaBlock.encode(order, entries, 16384));
            List<DirEntry> sorted = new ArrayList<>(entries);
            sorted.sort((x, y) -> order.compare(x.elem(), y.elem()));
            assertEquals(sorted, block.entries());
        }
    }

    private static List<String> names(MetaBlock block) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < block.count(); i++) {
            names.add(block.name(i));
        }
        return names;
    }
}
