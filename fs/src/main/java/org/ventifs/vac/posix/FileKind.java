package org.ventifs.vac.posix;

import org.ventifs.vac.DirEntry;
import org.ventifs.vac.ModeBits;

/**
 * What a DirEntry describes, and its full POSIX mode: from our extension when the
 * tree carries it, else from the Plan 9 mode bits (trees written by plan9port's vac).
 */
enum FileKind {
    DIRECTORY, REGULAR, SYMLINK, BLOCK_DEVICE, CHAR_DEVICE, FIFO;

    /** The kind of {@code e}; a Plan 9 device is taken as a character device unless its text says b. */
    static FileKind of(DirEntry e, boolean blockDeviceText) {
        int st = stMode(e, blockDeviceText);
        return switch (st & ModeBits.S_IFMT) {
            case ModeBits.S_IFDIR -> DIRECTORY;
            case ModeBits.S_IFLNK -> SYMLINK;
            case ModeBits.S_IFBLK -> BLOCK_DEVICE;
            case ModeBits.S_IFCHR -> CHAR_DEVICE;
            case ModeBits.S_IFIFO -> FIFO;
            default -> REGULAR;
        };
    }

    /** The full POSIX st_mode of {@code e}. */
    static int stMode(DirEntry e, boolean blockDeviceText) {
        return e.posix() != null ? e.posix().mode() : ModeBits.toPosix(e.mode(), blockDeviceText);
    }
}
