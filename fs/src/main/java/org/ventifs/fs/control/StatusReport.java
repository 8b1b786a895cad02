package org.ventifs.fs.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ventifs.cache.DirtyData;
import org.ventifs.snapshot.ArchiveProgress;
import org.ventifs.snapshot.DumpRecord;
import org.ventifs.venti.Score;
import org.ventifs.venti.local.StoreCounts;

/**
 * The reply to {@code status} (docs/control-protocol.md): {@code key=value} pairs separated
 * by spaces, the archiver's (protocol 1) first, then the daemon's figures (protocol 2), then
 * the step times of the archive. A {@code -} stands for "none" or "unknown".
 *
 * @param archive       what the archiver is doing or last did
 * @param dirty         the cache's data waiting for the next snapshot
 * @param lastDump      the newest dump in the catalog, or null before the first
 * @param cacheUsed     bytes of the cache's capacity in use
 * @param cacheCapacity the cache's usable capacity in bytes
 * @param localStore    whether blocks go to the embedded store (else to a Venti server)
 * @param storeBytes    the embedded store's bytes on disk, or -1 when unknown
 * @param storeCounts   what went into the embedded store, or null when unknown
 */
public record StatusReport(ArchiveProgress archive, DirtyData dirty, DumpRecord lastDump, long cacheUsed,
                           long cacheCapacity, boolean localStore, long storeBytes, StoreCounts storeCounts) {
    /** The version of the reply's fields. */
    public static final int PROTOCOL = 2;
    private static final String NONE = "-";

    /** The reply after {@code ok }, without a newline. */
    String encode() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("running", archive.running());
        f.put("dump", archive.dumpName().isEmpty() ? NONE : archive.dumpName());
        f.put("files", archive.filesDone());
        f.put("bytes", archive.bytesDone());
        f.put("elapsed_ms", archive.elapsedMillis());
        f.put("queued", archive.queued());
        f.put("protocol", PROTOCOL);
        f.put("dirty_bytes", dirty.bytes());
        f.put("dirty_blocks", dirty.blocks());
        f.put("changed_inodes", dirty.changedInodes());
        f.put("last_dump", lastDump == null ? NONE : lastDump.name());
        f.put("last_score", lastDump == null ? NONE : lastDump.root());
        f.put("last_time", lastDump == null ? NONE : lastDump.frozenAtEpochSecond());
        f.put("last_added", lastDump == null ? NONE : lastDump.bytesAdded());
        f.put("cache_used", cacheUsed);
        f.put("cache_capacity", cacheCapacity);
        f.put("store", localStore ? "local" : "remote");
        f.put("store_bytes", storeBytes < 0 ? NONE : storeBytes);
        StoreCounts c = storeCounts;
        f.put("store_writes", c == null ? NONE : c.writes());
        f.put("store_written_bytes", c == null ? NONE : c.writtenBytes());
        f.put("store_blocks", c == null ? NONE : c.blocks());
        f.put("store_raw_bytes", c == null ? NONE : c.rawBytes());
        f.put("store_clump_bytes", c == null ? NONE : c.clumpBytes());
        StringBuilder b = new StringBuilder();
        f.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        if (!archive.phases().isEmpty()) {
            b.append(' ').append(archive.phases().replaceAll("(\\w+)=", "$1_ms="));
        }
        return b.toString();
    }

    /**
     * Decodes a reply (after {@code ok }).
     *
     * @throws IllegalArgumentException when a field is missing or malformed, or the daemon
     *                                  speaks protocol 1 (it has none of the figures)
     */
    static StatusReport decode(String reply) {
        Map<String, String> f = new LinkedHashMap<>();
        List<String> phases = new ArrayList<>();
        for (String pair : reply.strip().split(" +")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a status field without '=': " + pair);
            }
            String key = pair.substring(0, eq);
            f.put(key, pair.substring(eq + 1));
            if (key.endsWith("_ms") && !key.equals("elapsed_ms")) {
                phases.add(key.substring(0, key.length() - 3) + "=" + pair.substring(eq + 1));
            }
        }
        if (!f.containsKey("protocol")) {
            throw new IllegalArgumentException("the daemon speaks control protocol 1, which reports only the archiver;"
                    + " unmount and mount again to run this version");
        }
        try {
            ArchiveProgress archive = new ArchiveProgress(Boolean.parseBoolean(required(f, "running")),
                    required(f, "dump").equals(NONE) ? "" : f.get("dump"), number(f, "files"), number(f, "bytes"),
                    number(f, "elapsed_ms"), (int) number(f, "queued"), String.join(" ", phases));
            DirtyData dirty = new DirtyData(number(f, "dirty_blocks"), number(f, "dirty_bytes"),
                    number(f, "changed_inodes"));
            DumpRecord last = required(f, "last_dump").equals(NONE) ? null : new DumpRecord(f.get("last_dump"),
                    Score.parse(required(f, "last_score")), number(f, "last_time"), number(f, "last_added"));
            StoreCounts counts = required(f, "store_writes").equals(NONE) ? null : new StoreCounts(
                    number(f, "store_writes"), number(f, "store_written_bytes"), number(f, "store_blocks"),
                    number(f, "store_raw_bytes"), number(f, "store_clump_bytes"));
            return new StatusReport(archive, dirty, last, number(f, "cache_used"), number(f, "cache_capacity"),
                    required(f, "store").equals("local"), number(f, "store_bytes"), counts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a malformed status reply (" + e.getMessage() + "): " + reply, e);
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String v = fields.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    /** The number of {@code key}; -1 for {@code -}. */
    private static long number(Map<String, String> fields, String key) {
        String v = required(fields, key);
        return v.equals(NONE) ? -1 : Long.parseLong(v);
    }
}
