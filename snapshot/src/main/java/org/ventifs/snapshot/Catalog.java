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
        c.load();
        return c;
    }

    private void load() throws IOException {
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
            // The new file's name must be durable too.
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
        records.add(record);
    }
}
