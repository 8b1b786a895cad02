package org.ventifs.vac;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own DirEntry extension (type {@value #TYPE}): the POSIX facts the base vac
 * format cannot hold. plan9port's tools skip it, as they skip every unknown type.
 * Layout (docs/vac-format.md): format[1]=1, mode[4] (full st_mode, file type
 * included), uid[4], gid[4], rdev[8], ino[8], then mtime, atime and ctime each as
 * seconds[8] nanoseconds[4], then count[2] and per attribute name (length[2] + UTF-8)
 * and value (length[2] + bytes).
 *
 * @param mode   the full POSIX st_mode
 * @param uid    numeric owner
 * @param gid    numeric group
 * @param rdev   device number of a block or character device (0 otherwise)
 * @param ino    the inode number the file had when archived (for incremental archives)
 * @param mtime  modification time
 * @param atime  access time
 * @param ctime  status change time
 * @param xattrs extended attributes, in the order read
 */
public record PosixExtension(int mode, int uid, int gid, long rdev, long ino, Timestamp mtime,
        Timestamp atime, Timestamp ctime, List<Xattr> xattrs) {
    /** The extension's type number: 'V' for ventifs, far from Plan 9's 1..4. */
    public static final int TYPE = 0x56;
    /** The layout version written in the first byte. */
    public static final int FORMAT = 1;

    /** The largest encoded extension (its length is 2 bytes). */
    public static final int MAX_LENGTH = 0xffff;

    public PosixExtension {
        xattrs = List.copyOf(xattrs);
    }

    /**
     * A point in time with nanoseconds.
     *
     * @param seconds seconds since 1970 (may be negative)
     * @param nanos   0..999,999,999
     */
    public record Timestamp(long seconds, int nanos) {
        public Timestamp {
            if (nanos < 0 || nanos > 999_999_999) {
                throw new VacFormatException("nanoseconds must be 0..999999999, not " + nanos);
            }
        }
    }

    /**
     * Decodes the extension's data bytes.
     *
     * @throws VacFormatException when the format byte is unknown or the bytes run short
     */
    static PosixExtension decode(ByteBuffer data) {
        try {
            int format = data.get() & 0xff;
            if (format != FORMAT) {
                throw new VacFormatException("POSIX extension format " + format + " is not 1");
            }
            int mode = data.getInt();
            int uid = data.getInt();
            int gid = data.getInt();
            long rdev = data.getLong();
            long ino = data.getLong();
            Timestamp mtime = timestamp(data);
            Timestamp atime = timestamp(data);
            Timestamp ctime = timestamp(data);
            int count = data.getShort() & 0xffff;
            List<Xattr> xattrs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = VacStrings.get(data);
                byte[] value = new byte[data.getShort() & 0xffff];
                data.get(value);
                xattrs.add(new Xattr(name, value));
            }
            if (data.hasRemaining()) {
                throw new VacFormatException("POSIX extension has " + data.remaining() + " stray bytes");
            }
            return new PosixExtension(mode, uid, gid, rdev, ino, mtime, atime, ctime, xattrs);
        } catch (java.nio.BufferUnderflowException e) {
            throw new VacFormatException("POSIX extension is truncated");
        }
    }

    /** Returns the number of data bytes {@link #encode} appends. */
    int length() {
        int n = 1 + 4 + 4 + 4 + 8 + 8 + 3 * 12 + 2;
        for (Xattr x : xattrs) {
            n += VacStrings.length(x.name()) + 2 + x.value().length;
        }
        return n;
    }

    /** Appends the extension's data bytes. */
    void encode(ByteBuffer out) {
        out.put((byte) FORMAT);
        out.putInt(mode).putInt(uid).putInt(gid).putLong(rdev).putLong(ino);
        for (Timestamp t : List.of(mtime, atime, ctime)) {
            out.putLong(t.seconds()).putInt(t.nanos());
        }
        out.putShort((short) xattrs.size());
        for (Xattr x : xattrs) {
            VacStrings.put(out, x.name());
            byte[] value = x.value();
            if (value.length > 0xffff) {
                throw new VacFormatException("extended attribute " + x.name() + " holds more than 65535 bytes");
            }
            out.putShort((short) value.length).put(value);
        }
    }

    private static Timestamp timestamp(ByteBuffer data) {
        long seconds = data.getLong();
        int nanos = data.getInt();
        return new Timestamp(seconds, nanos);
    }
}
