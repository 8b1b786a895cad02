package org.ventifs.snapshot;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.DirectoryStreams;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Reads every block of a vac tree (the store checks each against its score) and returns
 * the SHA-1 of every regular file's content by path.
 */
final class DumpVerifier {
    private DumpVerifier() {
    }

    static Map<String, String> verify(BlockStore store, Score root) throws IOException {
        VacTree tree = VacTree.open(store, root);
        Map<String, String> files = new HashMap<>();
        walk(store, tree.streams(), "", files);
        return files;
    }

    private static void walk(BlockStore store, DirectoryStreams streams, String path, Map<String, String> files)
            throws IOException {
        DirectoryReader dir = new DirectoryReader(store, streams);
        for (long i = 0; i < dir.entryCount(); i++) {
            dir.entry(i);
        }
        for (DirEntry d : dir.list()) {
            String child = path + "/" + d.elem();
            if (d.isDirectory()) {
                walk(store, dir.subdirectory(d), child, files);
                continue;
            }
            Entry content = dir.content(d);
            byte[] bytes = new byte[(int) content.size()];
            new StreamReader(store, content).read(0, bytes, 0, bytes.length);
            files.put(child, TreeImage.sha1(bytes));
        }
    }
}
