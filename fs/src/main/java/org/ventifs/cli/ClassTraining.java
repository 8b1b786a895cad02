package org.ventifs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The run that mount-scripts/class-archive records a class-data-sharing archive
 * from: vac, vac -d, unvac and unvac --list of a small tree in a temporary store,
 * in one JVM. The launcher starts every command with that archive, so the classes
 * these commands load come pre-parsed and pre-verified (about 0.1-0.2 s sooner).
 */
public final class ClassTraining {
    private ClassTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("ventifs-class-training");
        Main.preload();
        try {
            Path tree = sampleTree(dir.resolve("tree"));
            String store = dir.resolve("store").toString();
            String first = dir.resolve("first.vac").toString();
            run("vac", "--store", store, "-o", first, tree.toString());
            run("vac", "--store", store, "-d", first, "-o", dir.resolve("second.vac").toString(), tree.toString());
            run("unvac", "--store", store, first, dir.resolve("restored").toString());
            run("unvac", "--store", store, "--list", first);
            run("--help");
        } finally {
            Trees.delete(dir);
        }
    }

    private static Path sampleTree(Path root) throws IOException {
        Random random = new Random(1);
        Files.createDirectories(root.resolve("sub"));
        for (int size : new int[] {0, 100, 9000, 300_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Files.write(root.resolve("file-" + size), data);
            Files.write(root.resolve("sub").resolve("copy-" + size), data);
        }
        Files.createSymbolicLink(root.resolve("link"), Path.of("file-100"));
        return root;
    }

    private static void run(String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int code = Main.newCommandLine(args).setOut(discard).setErr(discard).execute(args);
        if (code != ExitCode.OK) {
            throw new IllegalStateException("training run " + String.join(" ", args) + " exited " + code);
        }
    }
}
