package org.ventifs.venti.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.Score;

/**
 * The child process of {@link LocalVentiCrashTest}: writes random blocks to the store
 * named by its first argument, syncs every few blocks, and after each sync prints
 * {@code apiNumber score} for every block the sync made durable. Runs until killed.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false, "US-ASCII");
        BlockType[] types = BlockType.values();
        try (LocalVenti store = LocalVenti.open(dir, LocalVentiTest.SMALL)) {
            while (true) {
                List<String> acknowledged = new ArrayList<>();
                int batch = 1 + rnd.nextInt(20);
                for (int i = 0; i < batch; i++) {
                    BlockType type = types[rnd.nextInt(types.length)];
                    byte[] block = new byte[1 + rnd.nextInt(BlockStore.MAX_BLOCK_SIZE)];
                    if (rnd.nextBoolean()) {
                        rnd.nextBytes(block);
                    } else {
                        // Compressible: a run of one byte with a random head.
                        java.util.Arrays.fill(block, (byte) rnd.nextInt(256));
                        rnd.nextBytes(java.util.Arrays.copyOf(block, Math.min(64, block.length)));
                        block[0] = (byte) rnd.nextInt();
                    }
                    Score s = store.put(type, block, 0, block.length);
                    acknowledged.add(type.apiNumber() + " " + s);
                }
                store.sync();
                for (String line : acknowledged) {
                    out.println(line);
                }
                out.flush();
            }
        }
    }
}
