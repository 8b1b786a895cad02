package org.ventifs.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of dumps: an append-only file of {@link DumpRecord} lines in the data
 * directory's {@code catalog/} folder. A record is durable when {@link #append}
 * returns (the file is fsync'd); a line torn by a crash fails its checksum and is
 * cut away at the next open, so a listed dump is never half-written.
 * Thread-safe.
 */
public final class Catalog {
    static final String FILE = "dumps";
    /** The marker of an archive under way: the dump name it will take, one line. */
    static final String ARCHIVING = "archiving";

    private final Path file;
    private final List<DumpRecord> records = new ArrayList<>();

    private Catalog(Path file) {
        this.file = file;
    }

    /**
     * Opens (creating when absent) the catalog in {@code dir}, dropping a torn last line.
     *
     * @throws IOException when a line other than the last is damaged: that is not a crash
     *                     but corruption, and the operator must look (the prev chain of the
     *                     newest root rebuilds the catalog)
     */
    public static Catalog open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Catalog c = new Catalog(dir.resolve(FILE));
        c.load(true);
        return c;
    }

    /**
     * Reads the dumps listed in the catalog in {@code dir} without changing anything (a torn
     * last line, perhaps being appended right now by the daemon, is skipped), oldest first.
     *
     * @throws IOException when a line other than the last is damaged, or the file cannot be read
     */
    public static List<DumpRecord> read(Path dir) throws IOException {
        Catalog c = new Catalog(dir.resolve(FILE));
        c.load(false);
        return c.list();
    }

    private void load(boolean repair) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int nl = start;
            while (nl < bytes.length && bytes[nl] != '\n') {
                nl++;
            }
            lineNo++;
            boolean last = nl >= bytes.length - 1;
            String line = new String(bytes, start, nl - start, StandardCharsets.UTF_8);
            try {
                if (nl >= bytes.length) {
                    throw new IllegalArgumentException("no newline");
                }
                records.add(DumpRecord.decode(line));
            } catch (IllegalArgumentException e) {
                if (!last) {
                    throw new IOException("catalog " + file + " is damaged at line " + lineNo + " (" + e.getMessage()
                            + "); rebuild it from the newest root with 'ventifs format --from'", e);
                }
                if (!repair) {
                    return;
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(start);
                    ch.force(true);
                }
                System.err.println("ventifs: dropped a torn last line of catalog " + file + " (a crash during a snapshot)");
                return;
            }
            start = nl + 1;
        }
    }

    /** Returns every dump, oldest first. */
    public synchronized List<DumpRecord> list() {
        return List.copyOf(records);
    }

    /** Returns the newest dump, or null when there is none. */
    public synchronized DumpRecord newest() {
        return records.isEmpty() ? null : records.get(records.size() - 1);
    }

    /** Returns the names of every dump, oldest first. */
    public synchronized List<String> names() {
        return records.stream().map(DumpRecord::name).toList();
    }

    /**
     * Records durably that the archive of dump {@code name} is under way, so that a crash
     * before it is listed can be noticed at the next start ({@link #interruptedArchive}).
     */
    public synchronized void markArchiving(String name) throws IOException {
        Path marker = file.resolveSibling(ARCHIVING);
        Path temp = file.resolveSibling(ARCHIVING + ".new");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(StandardCharsets.UTF_8.encode(name + "\n"));
            ch.force(true);
        }
        Files.move(temp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
    }

    /** Forgets the archive marked by {@link #markArchiving} (it was listed, or given up). */
    public synchronized void clearArchiving() throws IOException {
        if (Files.deleteIfExists(file.resolveSibling(ARCHIVING))) {
            forceDirectory();
        }
    }

    /**
     * Returns the name of an archive that was under way when the last run stopped and never
     * reached the catalog, or empty when there is none.
     */
    public synchronized java.util.Optional<String> interruptedArchive() throws IOException {
        Path marker = file.resolveSibling(ARCHIVING);
        if (!Files.exists(marker)) {
            return java.util.Optional.empty();
        }
        String name = Files.readString(marker, StandardCharsets.UTF_8).strip();
        return names().contains(name) ? java.util.Optional.empty() : java.util.Optional.of(name);
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /**
     * Appends {@code record} durably.
     *
     * @throws IllegalArgumentException when its name is already listed
     */
    public synchronized void append(DumpRecord record) throws IOException {
        for (DumpRecord r : records) {
            if (r.name().equals(record.name())) {
                throw new IllegalArgumentException("dump " + record.name() + " is already in the catalog");
            }
        }
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = StandardCharsets.UTF_8.encode(record.encode());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        if (created) {
            forceDirectory(); // the new file's name must be durable too
        }
        records.add(record);
    }
}
