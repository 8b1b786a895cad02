package org.ventifs.snapshot;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ventifs.vac.VacTree;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * The dumps reachable from one root score through the roots' {@code prev} pointers:
 * what rebuilds a catalog. A root named like a dump keeps its name; another (a tree
 * written by plan9port's vac) gets the next free name on its predecessor's day (1970/0101 first).
 * The time of a rebuilt record is not stored in vac: it is the local midnight of the
 * dump's day (plus N seconds for {@code .N}), and its bytes-added count is 0.
 */
public final class DumpChain {
    /** The longest chain followed, against a cycle of prev pointers in a damaged store. */
    static final int MAX_LENGTH = 1_000_000;

    private DumpChain() {
    }

    /**
     * Returns the catalog records of every dump from the oldest to the one at {@code newest}.
     *
     * @throws IOException when a root in the chain cannot be read or is not a vac root
     */
    public static List<DumpRecord> records(BlockStore store, Score newest, ZoneId zone) throws IOException {
        Deque<VacTree> chain = new ArrayDeque<>();
        Deque<Score> scores = new ArrayDeque<>();
        Set<Score> seen = new HashSet<>();
        for (Score s = newest; !s.isZero(); ) {
            if (!seen.add(s) || seen.size() > MAX_LENGTH) {
                throw new IOException("the prev chain of root " + newest + " loops at " + s
                        + "; the store is damaged, start from an older root");
            }
            VacTree tree = VacTree.open(store, s);
            chain.addFirst(tree);
            scores.addFirst(s);
            s = tree.root().prev();
        }
        List<DumpRecord> records = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        LocalDate lastDay = LocalDate.of(1970, 1, 1);
        while (!chain.isEmpty()) {
            VacTree tree = chain.removeFirst();
            Score score = scores.removeFirst();
            String name = tree.root().name();
            if (!DumpName.isValid(name) || taken.contains(name)) {
                name = DumpName.next(lastDay.atStartOfDay(zone), taken);
            }
            taken.add(name);
            LocalDate day = LocalDate.of(Integer.parseInt(name.substring(0, 4)), Integer.parseInt(name.substring(5, 7)),
                    Integer.parseInt(name.substring(7, 9)));
            lastDay = day;
            int dot = name.indexOf('.');
            long suffix = dot < 0 ? 0 : Long.parseLong(name.substring(dot + 1));
            records.add(new DumpRecord(name, score, day.atStartOfDay(zone).toEpochSecond() + suffix, 0));
        }
        return records;
    }
}
