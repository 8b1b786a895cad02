package org.ventifs.cache;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The value of the {@code blocks} table: the epoch that wrote the block (8), then its bytes
 * with trailing zeros removed (the block reads as those bytes padded with zeros).
 */
record DirtyBlock(long epoch, byte[] data) {
    /** A block written in {@code epoch} holding {@code length} bytes of {@code src}, trailing zeros dropped. */
    static DirtyBlock of(long epoch, byte[] src, int length) {
        return decode(encode(epoch, src, length));
    }

    /** The encoding of {@link #of}{@code (epoch, src, length)}, built with one copy (the write path). */
    static byte[] encode(long epoch, byte[] src, int length) {
        int kept = length;
        while (kept > 0 && src[kept - 1] == 0) {
            kept--;
        }
        byte[] out = new byte[8 + kept];
        ByteBuffer.wrap(out).putLong(epoch);
        System.arraycopy(src, 0, out, 8, kept);
        return out;
    }

    byte[] encode() {
        return ByteBuffer.allocate(8 + data.length).putLong(epoch).put(data).array();
    }

    static DirtyBlock decode(byte[] value) {
        ByteBuffer in = Decoding.reader(value, 8, "dirty block");
        return new DirtyBlock(in.getLong(), Arrays.copyOfRange(value, 8, value.length));
    }

    /** The epoch of an encoded block, without copying its data. */
    static long epochOf(byte[] value) {
        return Decoding.reader(value, 8, "dirty block").getLong();
    }

    /** The epoch of an encoded block seen in the map ({@code value}'s remaining bytes), reading nothing else. */
    static long epochOf(ByteBuffer value) {
        dataLength(value);
        return value.getLong(value.position());
    }

    /** How many data bytes an encoded block seen in the map holds (they follow the 8-byte epoch). */
    static int dataLength(ByteBuffer value) {
        if (value.remaining() < 8) {
            throw new CorruptRecordException("dirty block needs at least 8 bytes, got " + value.remaining());
        }
        return value.remaining() - 8;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DirtyBlock b && b.epoch == epoch && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DirtyBlock[epoch=" + epoch + " " + data.length + "B]";
    }
}
