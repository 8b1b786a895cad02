package org.ventifs.vac;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.CorruptBlockException;
import org.ventifs.venti.Score;

/** DirectoryWriter, DirectoryReader and VacTree over a real embedded store. */
class DirectoryTest extends StoreTest {

    static DirEntry meta(String name, boolean directory, long qid) {
        int mode = directory ? ModeBits.DIR | 0755 : 0644;
        return new DirEntry(name, 0, 0, 0, 0, qid, "root", "root", "root", 1_700_000_000L, 0, 1_700_000_000L,
                1_700_000_000L, mode, null, null);
    }

    private Entry fileContent(int n) throws IOException {
        StreamWriter w = new StreamWriter(venti, false, Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE);
        byte[] text = ("file " + n).getBytes();
        w.appendLeaf(text, 0, text.length);
        return w.finish();
    }

    @Test
    void aLargeDirectoryListsLooksUpAndPointsAtItsChildren() throws IOException {
        DirectoryWriter sub = new DirectoryWriter(venti);
        sub.addFile(meta("inner", false, 1), fileContent(-1));
        DirectoryStreams subStreams = sub.finish();

        DirectoryWriter writer = new DirectoryWriter(venti);
        Map<String, Entry> contents = new HashMap<>();
        List<String> names = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 1500; i++) {
            String name = "f" + Integer.toString(random.nextInt(1 << 30), 36) + "-" + i;
            Entry content = fileContent(i);
            writer.addFile(meta(name, false, i + 2), content);
            contents.put(name, content);
            names.add(name);
        }
        writer.addDirectory(meta("sub", true, 5000), subStreams);
        DirectoryStreams streams = writer.finish();
        assertTrue(streams.meta().size() > 10L * Entry.DEFAULT_DSIZE, "several MetaBlocks");
        assertTrue(streams.entries().size() > Entry.DEFAULT_DSIZE, "several entry leaves");

        DirectoryReader reader = new DirectoryReader(venti, streams);
        assertEquals(1502, reader.entryCount());
        List<DirEntry> listed = reader.list();
        assertEquals(1501, listed.size());
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(NameOrder.FOSSIL.compare(listed.get(i - 1).elem(), listed.get(i).elem()) < 0);
        }
        for (String name : names) {
            DirEntry found = reader.lookup(name).orElseThrow();
            assertEquals(contents.get(name), reader.content(found));
        }
        DirEntry subEntry = reader.lookup("sub").orElseThrow();
        DirectoryReader inner = new DirectoryReader(venti, reader.subdirectory(subEntry));
        assertEquals("inner", inner.list().get(0).elem());
        assertTrue(reader.lookup("absent").isEmpty());
        assertThrows(CorruptBlockException.class, () -> reader.entry(1502));
    }

    @Test
    void lookupReadsOnlyLogarithmicallyManyMetaBlocks() throws IOException {
        DirectoryWriter writer = new DirectoryWriter(venti);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String name = String.format("name-%05d", i);
            names.add(name);
            writer.addFile(meta(name, false, i), Entry.empty(Entry.VAC_PSIZE, Entry.DEFAULT_DSIZE, false));
        }
        DirectoryStreams streams = writer.finish();
        long blocks = streams.meta().size() / Entry.DEFAULT_DSIZE;
        assertTrue(blocks > 30, blocks + " blocks");
        CountingStore counting = new CountingStore(venti);
        DirectoryReader reader = new DirectoryReader(counting, streams);
        for (String name : List.of("name-00000", "name-01234", "name-02999")) {
            int before = counting.gets.get();
            assertEquals(name, reader.lookup(name).orElseThrow().elem());
            int reads = counting.gets.get() - before;
            // Binary search over the blocks (plus read-ahead of a neighbour or two, and a pointer block).
            assertTrue(reads <= 3 * (64 - Long.numberOfLeadingZeros(blocks)) + 2, reads + " reads for " + blocks);
        }
    }

    @Test
    void treesRoundTripThroughTheirRootAndChainToThePrevious() throws IOException {
        DirectoryWriter writer = new DirectoryWriter(venti);
        writer.addFile(meta("a", false, 1), fileContent(1));
        DirectoryStreams streams = writer.finish();
        DirEntry rootEntry = new DirEntry("/", 0, 0, 1, 0, 0, "root", "root", "root", 1, 0, 1, 1,
                ModeBits.DIR | 0755, new QidSpace(0, 2), null);
        Score first = VacTree.write(venti, "", rootEntry, streams, 8192, Score.ZERO);
        Score second = VacTree.write(venti, "2026/1122", rootEntry, streams, 8192, first);
        VacTree tree = VacTree.open(venti, second);
        assertEquals(first, tree.root().prev());
        assertEquals("2026/1122", tree.root().name());
        assertEquals(rootEntry.withSlots(0, 1), tree.rootEntry());
        assertEquals("a", tree.directory(venti).list().get(0).elem());
    }

    @Test
    void fossilsExtraTopLevelOpens() throws IOException {
        DirectoryWriter writer = new DirectoryWriter(venti);
        writer.addFile(meta("x", false, 1), fileContent(1));
        DirectoryStreams streams = writer.finish();
        DirEntry rootEntry = meta("/", true, 0);
        Score plain = VacTree.write(venti, "", rootEntry, streams, 8192, Score.ZERO);
        Root root = Root.decode(venti.read(plain, BlockType.ROOT, Root.SIZE));
        byte[] three = venti.get(root.score(), BlockType.DIR);
        // Fossil: the root points at an 80-byte dir block whose entry 0 is a dir stream holding those three.
        Entry inner = new Entry(0, 8160, 8192, 0, true, 3 * Entry.SIZE, root.score(), true);
        assertEquals(120, three.length);
        byte[] fossilTop = new DirBlock(List.of(inner, Entry.inactive(0))).encode(80);
        Score topScore = venti.write(BlockType.DIR, fossilTop);
        Score fossilRoot = venti.write(BlockType.ROOT,
                new Root("fossil", "vac", topScore, 8192, Score.ZERO).encode());
        VacTree tree = VacTree.open(venti, fossilRoot);
        assertEquals("x", tree.directory(venti).list().get(0).elem());
    }

    @Test
    void malformedTreesAreCorruptBlockErrors() throws IOException {
        Score wrongType = venti.write(BlockType.ROOT, new Root("", "fossil", Score.ZERO, 8192, Score.ZERO).encode());
        assertThrows(CorruptBlockException.class, () -> VacTree.open(venti, wrongType));
        byte[] junkMeta = new byte[8192];
        junkMeta[0] = 1;
        StreamWriter meta = new StreamWriter(venti, false, Entry.VAC_PSIZE, 8192);
        meta.appendLeaf(junkMeta, 0, 8192);
        DirectoryStreams bad = new DirectoryStreams(Entry.empty(Entry.VAC_PSIZE, 8192, true), meta.finish());
        DirectoryReader reader = new DirectoryReader(venti, bad);
        assertThrows(CorruptBlockException.class, reader::list);
        assertThrows(CorruptBlockException.class, () -> reader.lookup("x"));
    }
}
