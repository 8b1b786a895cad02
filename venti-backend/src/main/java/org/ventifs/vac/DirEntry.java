package org.ventifs.vac;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The metadata of one file in a MetaBlock: its name, which slots of the parent's
 * entry stream hold its content ({@code entry}) and, for a directory, its meta
 * stream ({@code mentry}), its qid, owners as names, times in seconds and Plan 9
 * mode bits ({@link ModeBits}), plus the QidSpace extension (the root only) and our
 * {@link PosixExtension}. Decodes versions 7 to 9; encodes version 9.
 *
 * @param elem      the name ({@code /} for the root)
 * @param entry     index of the content stream in the parent's entry stream
 * @param gen       generation of that slot
 * @param mentry    index of the meta stream (directories)
 * @param mgen      generation of that slot
 * @param qid       unique file id; equal qids are hard links to one file
 * @param uid       owner name
 * @param gid       group name
 * @param mid       last modifier's name
 * @param mtime     modification time, seconds since 1970 (unsigned 32 bits)
 * @param mcount    modification count
 * @param ctime     status change time (unsigned 32 bits)
 * @param atime     access time (unsigned 32 bits)
 * @param mode      Plan 9 mode bits
 * @param qidSpace  the QidSpace extension, or null
 * @param posix     our POSIX extension, or null
 */
public record DirEntry(String elem, int entry, int gen, int mentry, int mgen, long qid, String uid,
        String gid, String mid, long mtime, int mcount, long ctime, long atime, int mode,
        QidSpace qidSpace, PosixExtension posix) {
    /** The magic that starts every encoded DirEntry. */
    public static final int MAGIC = 0x1c4d9072;
    /** The version we write. */
    public static final int VERSION = 9;

    private static final int EXT_GEN = 4;
    private static final int VERSION7_SKIP = 20;

    /** Whether the mode says directory. */
    public boolean isDirectory() {
        return (mode & ModeBits.DIR) != 0;
    }

    /** Returns this DirEntry with other entry and meta-entry indices. */
    public DirEntry withSlots(int newEntry, int newMentry) {
        return new DirEntry(elem, newEntry, gen, newMentry, mgen, qid, uid, gid, mid, mtime, mcount,
                ctime, atime, mode, qidSpace, posix);
    }

    /**
     * Decodes the DirEntry held in {@code length} bytes of {@code buf} at {@code offset}.
     *
     * @throws VacFormatException when the magic or version is wrong or the bytes run short
     */
    public static DirEntry decode(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new VacFormatException("a DirEntry of " + length + " bytes at offset " + offset
                    + " runs past its " + buf.length + "-byte block");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, offset, length);
        try {
            int magic = b.getInt();
            if (magic != MAGIC) {
                throw new VacFormatException("DirEntry magic " + Integer.toHexString(magic)
                        + " is not 1c4d9072");
            }
            int version = b.getShort() & 0xffff;
            if (version < 7 || version > 9) {
                throw new VacFormatException("DirEntry version " + version + " is not 7, 8 or 9");
            }
            String elem = VacStrings.get(b);
            int entry = b.getInt();
            int gen = 0;
            int mentry = entry + 1;
            int mgen = 0;
            if (version == 9) {
                gen = b.getInt();
                mentry = b.getInt();
                mgen = b.getInt();
            }
            long qid = b.getLong();
            if (version == 7) {
                b.position(b.position() + VERSION7_SKIP);
            }
            String uid = VacStrings.get(b);
            String gid = VacStrings.get(b);
            String mid = VacStrings.get(b);
            long mtime = b.getInt() & 0xffffffffL;
            int mcount = b.getInt();
            long ctime = b.getInt() & 0xffffffffL;
            long atime = b.getInt() & 0xffffffffL;
            int mode = b.getInt();
            QidSpace qidSpace = null;
            PosixExtension posix = null;
            while (b.hasRemaining()) {
                int type = b.get() & 0xff;
                int n = b.getShort() & 0xffff;
                if (n > b.remaining()) {
                    throw new VacFormatException("DirEntry extension " + type + " of " + n
                            + " bytes runs past the entry");
                }
                ByteBuffer data = b.slice(b.position(), n);
                b.position(b.position() + n);
                if (type == QidSpace.TYPE) {
                    qidSpace = QidSpace.decode(data);
                } else if (type == EXT_GEN && version < 9 && n == 4) {
                    gen = data.getInt();
                } else if (type == PosixExtension.TYPE) {
                    posix = PosixExtension.decode(data);
                }
                // Plan 9's extension (type 1) and unknown types are skipped, as the format asks.
            }
            return new DirEntry(elem, entry, gen, mentry, mgen, qid, uid, gid, mid, mtime, mcount, ctime,
                    atime, mode, qidSpace, posix);
        } catch (BufferUnderflowException e) {
            throw new VacFormatException("DirEntry is truncated at " + length + " bytes");
        }
    }

    /**
     * Returns the version 9 encoding.
     *
     * @throws VacFormatException when a string or the POSIX extension is too long
     */
    public byte[] encode() {
        int posixLength = posix == null ? 0 : posix.length();
        if (posixLength > PosixExtension.MAX_LENGTH) {
            throw new VacFormatException("the POSIX attributes of " + elem + " take " + posixLength
                    + " bytes, more than 65535 (too many extended attributes)");
        }
        int n = 4 + 2 + VacStrings.length(elem) + 4 * 4 + 8 + VacStrings.length(uid)
                + VacStrings.length(gid) + VacStrings.length(mid) + 5 * 4
                + (qidSpace == null ? 0 : 3 + QidSpace.LENGTH) + (posix == null ? 0 : 3 + posixLength);
        ByteBuffer b = ByteBuffer.allocate(n);
        b.putInt(MAGIC).putShort((short) VERSION);
        VacStrings.put(b, elem);
        b.putInt(entry).putInt(gen).putInt(mentry).putInt(mgen).putLong(qid);
        VacStrings.put(b, uid);
        VacStrings.put(b, gid);
        VacStrings.put(b, mid);
        b.putInt((int) mtime).putInt(mcount).putInt((int) ctime).putInt((int) atime).putInt(mode);
        if (qidSpace != null) {
            b.put((byte) QidSpace.TYPE).putShort((short) QidSpace.LENGTH);
            qidSpace.encode(b);
        }
        if (posix != null) {
            b.put((byte) PosixExtension.TYPE).putShort((short) posixLength);
            posix.encode(b);
        }
        return b.array();
    }

    /** Reads just the name of the DirEntry at {@code offset} (for binary search). */
    static byte[] elemBytes(byte[] buf, int offset, int length) {
        if (length < 8) {
            throw new VacFormatException("a DirEntry of " + length + " bytes has no name");
        }
        int n = ((buf[offset + 6] & 0xff) << 8) | (buf[offset + 7] & 0xff);
        if (8 + n > length) {
            throw new VacFormatException("a DirEntry's name runs past its " + length + " bytes");
        }
        return java.util.Arrays.copyOfRange(buf, offset + 8, offset + 8 + n);
    }
}
