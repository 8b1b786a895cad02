package org.ventifs.venti.wire;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.ventifs.venti.BlockStore;
import org.ventifs.venti.BlockType;
import org.ventifs.venti.NoSuchBlockException;
import org.ventifs.venti.Score;

/** The store the wire tests serve. TEMPORARY in-memory stand-in until LocalVenti is merged. */
final class ServedStore {
    private ServedStore() {
    }

    static BlockStore open(Path dir) {
        return new BlockStore() {
            private final ConcurrentHashMap<String, byte[]> blocks = new ConcurrentHashMap<>();

            @Override
            public Score put(BlockType type, byte[] data, int offset, int length) throws IOException {
                if (length > MAX_BLOCK_SIZE) {
                    throw new org.ventifs.venti.BlockTooLargeException(length);
                }
                Score s = Score.of(data, offset, length);
                if (length > 0) {
                    blocks.putIfAbsent(s + "/" + type.wireNumber(), Arrays.copyOfRange(data, offset, offset + length));
                }
                return s;
            }

            @Override
            public byte[] get(Score score, BlockType type) throws IOException {
                if (score.isZero()) {
                    return new byte[0];
                }
                byte[] b = blocks.get(score + "/" + type.wireNumber());
                if (b == null) {
                    throw new NoSuchBlockException(score, type);
                }
                return b.clone();
            }

            @Override
            public void sync() {
            }

            @Override
            public void close() {
            }
        };
    }
}
