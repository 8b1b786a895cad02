package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * A tree laid out as plan9port's vac writes it, built byte by byte: DirEntry
 * version 8, MetaBlock magic 0x5656fc79 with its name order, the local bit set in
 * every entry, psize 8180. Our readers must list it, look names up and read it.
 */
class Plan9portTreeTest extends StoreTest {

    /** A version 8 DirEntry as plan9port writes it, with its Plan 9 extension. */
    static byte[] dirEntryV8(String name, int entry, long qid, int mode) {
        byte[] elem = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(200);
        b.putInt(DirEntry.MAGIC).putShort((short) 8).putShort((short) elem.length).put(elem).putInt(entry)
                .putLong(qid);
        for (String owner : new String[] {"glenda", "glenda", "glenda"}) {
            b.putShort((short) owner.length()).put(owner.getBytes(StandardCharsets.US_ASCII));
        }
        b.putInt(1_000_000_000).putInt(0).putInt(1_000_000_001).putInt(1_000_000_002).putInt(mode);
        b.put((byte) 1).putShort((short) 12).putLong(qid).putInt(0); // Plan 9 extension
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** An entry with the local bit set, as plan9port's vac leaves it. */
    static Entry withLocalBit(Entry e, byte[] block, int slot) {
        e.encode(block, slot * Entry.SIZE);
        block[slot * Entry.SIZE + 8] |= Entry.FLAG_LOCAL;
        return Entry.decode(block, slot * Entry.SIZE);
    }

    private Entry dataStream(byte[] content) throws IOException {
        StreamWriter w = new StreamWriter(venti, false, 8180, 8192);
        for (int at = 0; at < content.length; at += 8192) {
            w.appendLeaf(content, at, Math.min(8192, content.length - at));
        }
        return w.finish();
    }

    @Test
    void aVersion8TreeWithVacMagicAndLocalBitsReads() throws IOException {
        String[] names = {"a", "ab", "abc", "b"};
        List<Entry> entries = new ArrayList<>();
        List<byte[]> metas = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            entries.add(dataStream(("content of " + names[i]).getBytes(StandardCharsets.UTF_8)));
            metas.add(dirEntryV8(names[i], i, i + 1, 0644));
        }
        byte[] entryLeaf = new byte[8192];
        for (int i = 0; i < entries.size(); i++) {
            withLocalBit(entries.get(i), entryLeaf, i);
        }
        Score entryScore = venti.write(BlockType.DIR, entryLeaf);
        byte[] rawEntries = java.util.Arrays.copyOf(entryLeaf, 4 * Entry.SIZE);
        assertEquals(Entry.FLAG_LOCAL | Entry.FLAG_ACTIVE, rawEntries[8] & 0xff);
        Entry entryStream = new Entry(0, 8180, 8192, 0, true, 4 * Entry.SIZE, entryScore, true);
        byte[] metaBlock = MetaBlock.encodeRaw(NameOrder.VAC, metas, 8192);
        Entry metaStream = dataStream(metaBlock);

        Entry rootMeta = dataStream(MetaBlock.encodeRaw(NameOrder.VAC,
                List.of(dirEntryV8("/", 0, 0, ModeBits.DIR | 0775)), 8192));
        byte[] top = new DirBlock(List.of(entryStream, metaStream, rootMeta)).encode(120);
        Score rootScore = venti.write(BlockType.ROOT,
                new Root("", "vac", venti.write(BlockType.DIR, top), 8192, Score.ZERO).encode());

        VacTree tree = VacTree.open(venti, rootScore);
        assertEquals("/", tree.rootEntry().elem());
        assertEquals(1, tree.rootEntry().mentry());
        DirectoryReader reader = tree.directory(venti);
        List<String> listed = new ArrayList<>();
        for (DirEntry e : reader.list()) {
            listed.add(e.elem());
        }
        assertEquals(List.of("abc", "ab", "a", "b"), listed, "the vac magic's order");
        for (int i = 0; i < names.length; i++) {
            DirEntry e = reader.lookup(names[i]).orElseThrow();
            assertEquals(i + 1, e.qid());
            assertEquals("glenda", e.uid());
            Entry content = reader.content(e);
            byte[] bytes = new byte[(int) content.size()];
            new StreamReader(venti, content).read(0, bytes, 0, bytes.length);
            assertEquals("content of " + names[i], new String(bytes, StandardCharsets.UTF_8));
        }
        assertTrue(reader.lookup("abcd").isEmpty());
    }
}
