package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Throws a store's index away and builds it again from the arenas alone. */
public final class IndexRebuilder {
    private IndexRebuilder() {
    }

    /**
     * What a rebuild did: blocks indexed, arenas read, torn bytes dropped from the last
     * arena, damaged stretches passed over (kept on disk, their blocks not indexed).
     */
    public record Result(long blocks, int arenas, long droppedTailBytes, long damagedStretches) {
    }

    /**
     * Rebuilds the index of the store in {@code dir}, which must not be open.
     *
     * @throws IOException when {@code dir} holds no store, the store is in use, or an arena is damaged
     */
    public static Result rebuild(Path dir) throws IOException {
        ArenaDirectory arenas = new ArenaDirectory(dir.resolve("arenas"));
        if (!Files.isDirectory(arenas.dir())) {
            throw new IOException("no store in " + dir + " (it has no arenas folder)");
        }
        try (StoreLock lock = StoreLock.acquire(dir)) {
            Path indexDir = dir.resolve("index");
            deleteRecursively(indexDir);
            List<Integer> numbers = arenas.numbers();
            try (Index index = Index.open(indexDir)) {
                StoreRecovery.Outcome outcome =
                        StoreRecovery.run(arenas, index, LocalVentiConfig.DEFAULT.arenaCapacity());
                outcome.appender().close();
                return new Result(outcome.clumpsIndexed(), numbers.size(), outcome.droppedBytes(),
                        outcome.damagedStretches());
            }
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
