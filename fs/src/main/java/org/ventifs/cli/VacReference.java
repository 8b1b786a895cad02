package org.ventifs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ventifs.venti.Score;

/**
 * A vac tree named on the command line: {@code vac:SCORE} itself, or a .vac file
 * holding that text (45 bytes with its newline).
 */
final class VacReference {
    private static final int MAX_FILE = 1024;

    private VacReference() {
    }

    /**
     * Returns the root score {@code arg} names.
     *
     * @throws IOException naming the file when it cannot be read or does not hold {@code vac:} and 40 hex digits
     */
    static Score parse(String arg) throws IOException {
        if (arg.startsWith("vac:") && !Files.exists(Path.of(arg))) {
            return scoreIn(arg, arg);
        }
        Path file = Path.of(arg);
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IOException(arg + " is not a .vac file (too large); give vac:SCORE or a .vac file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(arg + " does not exist; give vac:SCORE or a .vac file");
        }
        return scoreIn(new String(bytes, StandardCharsets.US_ASCII).trim(), arg);
    }

    /** Writes {@code score} as a .vac file: {@code vac:} + 40 hex digits + newline. */
    static void write(Path file, Score score) throws IOException {
        Files.writeString(file, "vac:" + score + "\n", StandardCharsets.US_ASCII);
    }

    private static Score scoreIn(String text, String source) throws IOException {
        if (!text.startsWith("vac:")) {
            throw new IOException(source + " does not hold vac:SCORE; give vac:SCORE or a .vac file");
        }
        try {
            return Score.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " does not hold vac: and 40 hex digits; give vac:SCORE or a .vac file");
        }
    }
}
