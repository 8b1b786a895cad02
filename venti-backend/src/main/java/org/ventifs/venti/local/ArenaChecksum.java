package org.ventifs.venti.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** The CRC-32C of an arena's bytes before its trailer, as the trailer records it. */
final class ArenaChecksum {
    private ArenaChecksum() {
    }

    /**
     * Returns the CRC-32C of the first {@code length} bytes of the file at {@code path}.
     *
     * @throws FormatException when the file is shorter than that
     */
    static int of(Path path, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = 0;
            while (pos < length) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new FormatException("arena file " + path + " ends at " + pos + ", before " + length);
                }
                buf.flip();
                crc.update(buf);
                pos += n;
            }
            return (int) crc.getValue();
        }
    }
}
