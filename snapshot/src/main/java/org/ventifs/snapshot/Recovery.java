package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.ventifs.cache.Attr;
import org.ventifs.cache.AttrChange;
import org.ventifs.cache.Cache;
import org.ventifs.cache.FrozenTree;
import org.ventifs.cache.XattrMode;
import org.ventifs.vac.DirEntry;
import org.ventifs.vac.DirectoryReader;
import org.ventifs.vac.Entry;
import org.ventifs.vac.StreamReader;
import org.ventifs.vac.VacTree;
import org.ventifs.vac.Xattr;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.Score;

/**
 * Disaster recovery: a new data directory from a store and one root score. The cache's
 * active tree is made equal to that snapshot, its regular files holding their archived
 * entries as bases (no data is copied), and the catalog lists every dump of the root's
 * prev chain. Directories get no base, so the first snapshot afterwards rebuilds them
 * all once (their qids become the new cache's inode numbers).
 */
public final class Recovery {
    private static final long MIN_CAPACITY = 64L << 20;
    private static final long MAX_CAPACITY = 256L << 30;

    private final BlockStore store;
    private final Cache cache;
    private final AccountNames users = AccountNames.users();
    private final AccountNames groups = AccountNames.groups();
    private final int fallbackId;
    private final Map<Long, Long> inodeOfQid = new HashMap<>();
    private final Map<Long, byte[]> bases = new HashMap<>();
    private final LongConsumer progress;

    private Recovery(BlockStore store, Cache cache, int fallbackId, LongConsumer progress) {
        this.store = store;
        this.cache = cache;
        this.fallbackId = fallbackId;
        this.progress = progress;
    }

    /**
     * Formats {@code dataDir}'s cache ({@code cache/}, half the free disk, 64 MiB to 256 GiB) and
     * catalog ({@code catalog/}) from the vac tree at {@code root} in {@code store}, and returns
     * the dumps listed, oldest first. {@code progress} hears of each file and directory made,
     * with its size.
     *
     * @throws IOException when {@code dataDir} already holds a cache or dumps, or a block of
     *                     the tree cannot be read
     */
    public static List<DumpRecord> formatFrom(Path dataDir, BlockStore store, Score root, LongConsumer progress)
            throws IOException {
        Files.createDirectories(dataDir);
        long free = Files.getFileStore(dataDir).getUsableSpace();
        return formatFrom(dataDir, store, root, Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, free / 2)), progress);
    }

    /** As {@link #formatFrom(Path, BlockStore, Score, LongConsumer)}, with a cache of {@code capacityBytes}. */
    public static List<DumpRecord> formatFrom(Path dataDir, BlockStore store, Score root, long capacityBytes,
                                              LongConsumer progress) throws IOException {
        Path cacheDir = dataDir.resolve("cache");
        Catalog catalog = Catalog.open(dataDir.resolve("catalog"));
        if (!catalog.list().isEmpty()) {
            throw new IOException("the catalog in " + dataDir + " already lists dumps; recover into an empty directory");
        }
        List<DumpRecord> dumps = DumpChain.records(store, root, ZoneId.systemDefault());
        VacTree tree = VacTree.open(store, root);
        int owner = (Integer) Files.getAttribute(dataDir, "unix:uid");
        ArchivedFacts rootFacts = ArchivedFacts.of(tree.rootEntry(), AccountNames.users(), AccountNames.groups(), owner,
                new byte[0]);
        int blockSize = tree.root().blockSize();
        if (blockSize < 512 || blockSize > BlockStore.MAX_BLOCK_SIZE || blockSize % 512 != 0) {
            blockSize = Cache.DEFAULT_BLOCK_SIZE;
        }
        Files.createDirectories(cacheDir);
        Cache.format(cacheDir, capacityBytes, blockSize, rootFacts.uid(), rootFacts.gid());
        try (Cache cache = Cache.open(cacheDir, store)) {
            Recovery recovery = new Recovery(store, cache, owner, progress);
            recovery.directory(Cache.ROOT, tree.directory(store));
            recovery.setAttributes(Cache.ROOT, rootFacts, false);
            FrozenTree frozen = cache.freeze();
            cache.retire(frozen.epoch(), recovery.bases);
            cache.sync();
        }
        for (DumpRecord d : dumps) {
            catalog.append(d);
        }
        return dumps;
    }

    /** Fills directory {@code dir} with the children {@code reader} lists. */
    private void directory(long dir, DirectoryReader reader) throws IOException {
        for (DirEntry child : reader.list()) {
            if (child.isDirectory()) {
                Attr made = cache.mkdir(dir, child.elem(), 0700, 0, 0);
                directory(made.ino(), new DirectoryReader(store, reader.subdirectory(child)));
                setAttributes(made.ino(), facts(child, new byte[0]), false);
                progress.accept(0);
                continue;
            }
            Entry content = reader.content(child);
            Long linked = inodeOfQid.get(child.qid());
            if (linked != null) {
                cache.link(linked, dir, child.elem());
                continue;
            }
            byte[] small = content.size() <= 4096 ? readAll(content) : new byte[0];
            ArchivedFacts facts = facts(child, small);
            long ino = switch (facts.type()) {
                case 0120000 -> cache.symlink(dir, child.elem(), new String(small, StandardCharsets.UTF_8), 0, 0).ino();
                case 0100000 -> cache.create(dir, child.elem(), 0600, 0, 0).ino();
                default -> cache.mknod(dir, child.elem(), facts.mode(), facts.rdev(), 0, 0).ino();
            };
            if (facts.type() == 0100000) {
                inodeOfQid.put(child.qid(), ino);
                if (content.size() > 0) {
                    cache.setattr(ino, AttrChange.none().withSize(content.size()));
                    bases.put(ino, content.encode());
                }
            }
            setAttributes(ino, facts, facts.type() == 0120000);
            progress.accept(content.size());
        }
    }

    private void setAttributes(long ino, ArchivedFacts facts, boolean symlink) throws IOException {
        for (Xattr x : facts.xattrs()) {
            cache.setxattr(ino, x.name(), x.value(), XattrMode.UPSERT);
        }
        AttrChange change = AttrChange.none().withUid(facts.uid()).withGid(facts.gid())
                .withAtime(facts.atimeNs()).withMtime(facts.mtimeNs());
        cache.setattr(ino, symlink ? change : change.withPerm(facts.mode()));
    }

    private ArchivedFacts facts(DirEntry d, byte[] content) {
        return ArchivedFacts.of(d, users, groups, fallbackId, content);
    }

    private byte[] readAll(Entry content) throws IOException {
        byte[] bytes = new byte[(int) content.size()];
        new StreamReader(store, content).read(0, bytes, 0, bytes.length);
        return bytes;
    }
}
