package org.ventifs.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.ventifs.venti.Score;

/**
 * One dump in the catalog: its name ({@code yyyy/mmdd} or {@code yyyy/mmdd.N}), the
 * score of its vac root block, when it was frozen, and how many bytes it added to the
 * store. Encoded as one text line (docs/catalog-format.md):
 * {@code name vac:SCORE epochSeconds bytesAdded crc32\n}, the CRC over everything before it.
 */
public record DumpRecord(String name, Score root, long frozenAtEpochSecond, long bytesAdded) {
    public DumpRecord {
        if (!DumpName.isValid(name)) {
            throw new IllegalArgumentException("not a dump name (want yyyy/mmdd or yyyy/mmdd.N): " + name);
        }
    }

    /** The year directory of the name ({@code 2026}). */
    public String year() {
        return name.substring(0, 4);
    }

    /** The day entry of the name ({@code 1122} or {@code 1122.1}). */
    public String day() {
        return name.substring(5);
    }

    /** The record as one line, newline included. */
    public String encode() {
        String body = name + " vac:" + root + " " + frozenAtEpochSecond + " " + bytesAdded;
        return body + " " + String.format("%08x", crc(body)) + "\n";
    }

    /**
     * Decodes one line (without its newline).
     *
     * @throws IllegalArgumentException when the line is malformed or its checksum is wrong
     */
    public static DumpRecord decode(String line) {
        int last = line.lastIndexOf(' ');
        if (last < 0) {
            throw new IllegalArgumentException("catalog line has no checksum: " + line);
        }
        String body = line.substring(0, last);
        long want;
        try {
            want = Long.parseLong(line.substring(last + 1), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("catalog line has a malformed checksum: " + line, e);
        }
        if (crc(body) != want) {
            throw new IllegalArgumentException("catalog line fails its checksum: " + line);
        }
        String[] f = body.split(" ");
        if (f.length != 4) {
            throw new IllegalArgumentException("catalog line has " + f.length + " fields, not 4: " + line);
        }
        try {
            return new DumpRecord(f[0], Score.parse(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("catalog line has a malformed number: " + line, e);
        }
    }

    private static long crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
