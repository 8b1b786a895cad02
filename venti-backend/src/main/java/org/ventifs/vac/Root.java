package org.ventifs.vac;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ventifs.venti.Score;

/**
 * The 300-byte root block of a vac tree: a name, the type {@code vac}, the score
 * of the top dir block, the data block size, and the score of the previous
 * snapshot's root ({@link Score#ZERO} when there is none).
 *
 * @param name      up to 128 bytes of UTF-8 ({@code vac} leaves it empty)
 * @param type      up to 128 bytes, {@code vac} for every tree we write
 * @param score     the top dir block (three entries: root entry stream, root meta stream, root's own DirEntry)
 * @param blockSize the data block size used in the tree
 * @param prev      the previous snapshot's root block, or the zero score
 */
public record Root(String name, String type, Score score, int blockSize, Score prev) {
    /** Bytes in a root block. */
    public static final int SIZE = 300;
    /** The only version there is. */
    public static final int VERSION = 2;
    /** The type every vac tree carries. */
    public static final String TYPE_VAC = "vac";

    private static final int BIG_VERSION_BIT = 0x8000;
    private static final int TEXT_FIELD = 128;

    /** Checks that the text fields fit their 128 bytes. */
    public Root {
        checkText("name", name);
        checkText("type", type);
        if (blockSize <= 0) {
            throw new VacFormatException("root block size must be positive, not " + blockSize);
        }
    }

    /**
     * Decodes a root block (exactly 300 bytes, as stored).
     *
     * @throws VacFormatException when the length or version is wrong
     */
    public static Root decode(byte[] block) {
        if (block.length != SIZE) {
            throw new VacFormatException("a root block is 300 bytes, not " + block.length);
        }
        ByteBuffer b = ByteBuffer.wrap(block);
        int version = b.getShort() & 0xffff;
        if ((version & ~BIG_VERSION_BIT) != VERSION) {
            throw new VacFormatException("root block version " + (version & ~BIG_VERSION_BIT)
                    + " is not 2");
        }
        String name = text(block, 2);
        String type = text(block, 2 + TEXT_FIELD);
        Score score = Score.fromBytes(block, 258);
        int size = ((block[278] & 0xff) << 8) | (block[279] & 0xff);
        if ((version & BIG_VERSION_BIT) != 0) {
            size = BigSize.decode(size);
        }
        return new Root(name, type, score, size, Score.fromBytes(block, 280));
    }

    /** Returns the 300 encoded bytes. */
    public byte[] encode() {
        byte[] block = new byte[SIZE];
        int version = VERSION;
        int size = blockSize;
        if (BigSize.needed(size)) {
            version |= BIG_VERSION_BIT;
            size = BigSize.encode(size);
        }
        block[0] = (byte) (version >>> 8);
        block[1] = (byte) version;
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, block, 2, n.length);
        byte[] t = type.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, block, 2 + TEXT_FIELD, t.length);
        score.copyTo(block, 258);
        block[278] = (byte) (size >>> 8);
        block[279] = (byte) size;
        prev.copyTo(block, 280);
        return block;
    }

    private static String text(byte[] block, int offset) {
        int end = offset;
        while (end < offset + TEXT_FIELD && block[end] != 0) {
            end++;
        }
        return new String(Arrays.copyOfRange(block, offset, end), StandardCharsets.UTF_8);
    }

    private static void checkText(String field, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length >= TEXT_FIELD) {
            // One byte stays NUL so that C readers find the end.
            throw new VacFormatException("root " + field + " must be under 128 bytes: " + value);
        }
        if (value.indexOf('\0') >= 0) {
            throw new VacFormatException("root " + field + " must not hold NUL: " + value);
        }
    }
}
