package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The folder of arena files, {@code arena-00000000} upward, numbered without gaps. */
final class ArenaDirectory {
    private static final Pattern NAME = Pattern.compile("arena-(\\d{8})");

    private final Path dir;

    ArenaDirectory(Path dir) {
        this.dir = dir;
    }

    /** The folder itself. */
    Path dir() {
        return dir;
    }

    /** The path of arena {@code number}. */
    Path path(int number) {
        return dir.resolve(String.format("arena-%08d", number));
    }

    /**
     * Returns the numbers of the arena files present, ascending: always 0..n-1.
     *
     * @throws IOException when the folder cannot be listed or a number is missing
     */
    List<Integer> numbers() throws IOException {
        Files.createDirectories(dir);
        List<Integer> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        Collections.sort(numbers);
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i) {
                throw new IOException("arena file " + path(i) + " is missing (later arenas exist); "
                        + "restore it from a backup");
            }
        }
        return numbers;
    }
}
