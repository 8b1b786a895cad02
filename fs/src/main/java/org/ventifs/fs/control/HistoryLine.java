package org.ventifs.fs.control;

import org.ventifs.snapshot.FileHistory;
import org.ventifs.venti.Score;

/**
 * One version in a {@code history} reply (docs/control-protocol.md):
 * {@code DUMP SIZE MTIME_NS MODE SCORE}, the mode in octal, the score of the content
 * stream's top block in hex.
 *
 * @param dump    the first dump holding the version
 * @param size    bytes of content
 * @param mtimeNs modification time, ns since 1970
 * @param mode    full st_mode
 * @param score   the content's top score
 */
public record HistoryLine(String dump, long size, long mtimeNs, int mode, Score score) {
    /** The line of {@code v}. */
    static String encode(FileHistory.Version v) {
        return new HistoryLine(v.dump(), v.size(), v.mtimeNs(), v.mode(), v.content().score()).encode();
    }

    /** The line, without a newline. */
    String encode() {
        return dump + " " + size + " " + mtimeNs + " " + Integer.toOctalString(mode) + " " + score;
    }

    /**
     * Decodes a line.
     *
     * @throws IllegalArgumentException when it does not have the five fields
     */
    static HistoryLine decode(String line) {
        String[] f = line.split(" ");
        if (f.length != 5) {
            throw new IllegalArgumentException("a history line has 5 fields, not " + f.length + ": " + line);
        }
        try {
            return new HistoryLine(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3], 8),
                    Score.parse(f[4]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a malformed history line: " + line, e);
        }
    }
}
