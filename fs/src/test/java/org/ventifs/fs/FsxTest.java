package org.ventifs.fs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random exerciser in the manner of fsx: writes, reads, truncates that shrink and
 * grow, writes past the end that leave holes, and mmap writes and reads, each checked
 * against a shadow copy in memory right after it; the whole file is compared now and
 * then, and after a remount at the end. The mount is served by a child JVM, since
 * mmap faults on a mount served by the faulting JVM can deadlock with its safepoints.
 */
class FsxTest {
    private static final int OPERATIONS = Integer.getInteger("fsx.operations", 100_000);
    private static final int MAX_SIZE = 1 << 18;
    private static final int MAX_LEN = 1 << 15;

    @TempDir
    Path tmp;

    @Test
    void randomOperationsMatchTheShadowCopy() throws Exception {
        long seed = Long.getLong("fsx.seed", System.nanoTime());
        Random random = new Random(seed);
        byte[] shadow = new byte[0];
        Path dataDir = tmp.resolve("data");
        Path mnt = java.nio.file.Files.createDirectories(tmp.resolve("mnt"));
        ChildMount fs = new ChildMount(dataDir, mnt);
        Path file = mnt.resolve("fsx-file");
        int op = 0;
        String last = "none";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            for (op = 0; op < OPERATIONS; op++) {
                int kind = random.nextInt(100);
                if (kind < 35) {
                    int off = random.nextInt(MAX_SIZE);
                    int len = 1 + random.nextInt(Math.min(MAX_LEN, MAX_SIZE - off));
                    byte[] data = new byte[len];
                    random.nextBytes(data);
                    last = "write " + off + "+" + len;
                    writeFully(ch, data, off);
                    if (off + len > shadow.length) {
                        shadow = Arrays.copyOf(shadow, off + len);
                    }
                    System.arraycopy(data, 0, shadow, off, len);
                    check(ch, shadow, off, len, seed, op, last);
                } else if (kind < 65) {
                    int off = shadow.length == 0 ? 0 : random.nextInt(shadow.length + 1);
                    int len = random.nextInt(MAX_LEN);
                    last = "read " + off + "+" + len;
                    check(ch, shadow, off, len, seed, op, last);
                } else if (kind < 75) {
                    int size = random.nextInt(MAX_SIZE);
                    last = "truncate " + size;
                    if (size < shadow.length) {
                        ch.truncate(size);
                    } else {
                        ch.write(ByteBuffer.allocate(0), size); // no-op; grow with a one-byte zero write instead
                        if (size > shadow.length) {
                            writeFully(ch, new byte[1], size - 1);
                        }
                    }
                    shadow = Arrays.copyOf(shadow, size);
                    assertEquals(size, ch.size(), failure(seed, op, last));
                    check(ch, shadow, Math.max(0, size - MAX_LEN), MAX_LEN, seed, op, last);
                } else if (kind < 85) {
                    if (shadow.length == 0) {
                        continue;
                    }
                    int off = random.nextInt(shadow.length);
                    int len = 1 + random.nextInt(Math.min(MAX_LEN, shadow.length - off));
                    byte[] data = new byte[len];
                    random.nextBytes(data);
                    last = "mapped write " + off + "+" + len;
                    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, off, len);
                    map.put(data);
                    map.force();
                    System.arraycopy(data, 0, shadow, off, len);
                    check(ch, shadow, off, len, seed, op, last);
                } else if (kind < 95) {
                    if (shadow.length == 0) {
                        continue;
                    }
                    int off = random.nextInt(shadow.length);
                    int len = 1 + random.nextInt(Math.min(MAX_LEN, shadow.length - off));
                    last = "mapped read " + off + "+" + len;
                    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, off, len);
                    byte[] got = new byte[len];
                    map.get(got);
                    assertArrayEquals(Arrays.copyOfRange(shadow, off, off + len), got, failure(seed, op, last));
                } else {
                    last = "full compare";
                    check(ch, shadow, 0, shadow.length, seed, op, last);
                }
            }
            check(ch, shadow, 0, shadow.length, seed, op, "final compare");
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(failure(seed, op, last), e);
        } finally {
            fs.close();
        }
        ChildMount again = new ChildMount(dataDir, mnt);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            check(ch, shadow, 0, shadow.length, seed, op, "after remount");
            assertEquals(shadow.length, ch.size());
        } finally {
            again.close();
        }
    }

    private static void writeFully(FileChannel ch, byte[] data, long off) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            off += ch.write(b, off);
        }
    }

    /** Reads [off, off+len) clipped to the shadow's size and compares; reads past the end must see EOF. */
    private static void check(FileChannel ch, byte[] shadow, int off, int len, long seed, int op, String what)
            throws IOException {
        assertEquals(shadow.length, ch.size(), failure(seed, op, what) + ": size");
        int end = Math.min(shadow.length, off + len);
        // One byte more than expected when the range reaches the end: a read past EOF must return nothing.
        ByteBuffer got = ByteBuffer.allocate(Math.max(0, end - off) + (end == shadow.length ? 1 : 0));
        long pos = off;
        while (got.hasRemaining()) {
            int n = ch.read(got, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        assertEquals(Math.max(0, end - off), got.position(), failure(seed, op, what) + ": bytes read");
        byte[] want = off >= end ? new byte[0] : Arrays.copyOfRange(shadow, off, end);
        assertArrayEquals(want, Arrays.copyOf(got.array(), got.position()), failure(seed, op, what));
    }

    private static String failure(long seed, int op, String what) {
        return "fsx mismatch at operation " + op + " (" + what + "); rerun with -Dfsx.seed=" + seed;
    }
}
