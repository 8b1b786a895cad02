package org.ventifs.fs;

import java.io.IOException;
import org.ventifs.cache.Attr;
import org.ventifs.cache.ErrnoException;
import org.ventifs.fs.fuse.Attributes;
import org.ventifs.fs.fuse.Errno;
import org.ventifs.fs.fuse.FuseException;
import org.ventifs.venti.CorruptBlockException;

/** Turns cache answers into FUSE answers: attributes, and exceptions into errnos. */
final class Translate {
    private static final long NS = 1_000_000_000L;

    private Translate() {
    }

    static Attributes attributes(Attr a) {
        long blocks = (a.size() + 4095) / 4096 * 8;
        return new Attributes(a.ino(), a.size(), blocks,
                Math.floorDiv(a.atimeNs(), NS), (int) Math.floorMod(a.atimeNs(), NS),
                Math.floorDiv(a.mtimeNs(), NS), (int) Math.floorMod(a.mtimeNs(), NS),
                Math.floorDiv(a.ctimeNs(), NS), (int) Math.floorMod(a.ctimeNs(), NS),
                a.mode(), a.nlink(), a.uid(), a.gid(), encodeDev(a.rdev()));
    }

    /**
     * An I/O failure as the errno the caller sees: the cache's own errno, or EIO with a
     * log line naming what failed (a corrupt block, an unreachable store).
     */
    static FuseException error(IOException e, String what) {
        if (e instanceof ErrnoException ee) {
            return new FuseException(ee.errno().number(), ee.getMessage());
        }
        String kind = e instanceof CorruptBlockException ? "corrupt data" : "I/O error";
        System.err.println("ventifs: " + kind + " in " + what + ": " + e.getMessage());
        return new FuseException(Errno.EIO, e.getMessage());
    }

    /** Linux's new_encode_dev: the 32-bit st_rdev the kernel expects from a 64-bit dev_t. */
    static int encodeDev(long dev) {
        long major = ((dev & 0x00000000000fff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
        long minor = (dev & 0xffL) | ((dev & 0x00000ffffff00000L) >>> 12);
        return (int) ((minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12));
    }

    /** Linux's new_decode_dev: a 64-bit dev_t (glibc's layout) from the kernel's 32-bit st_rdev. */
    static long decodeDev(int rdev) {
        long r = Integer.toUnsignedLong(rdev);
        long major = (r & 0xfff00) >>> 8;
        long minor = (r & 0xff) | ((r >>> 12) & 0xfff00);
        return ((major & 0xfffL) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xffL) | ((minor & ~0xffL) << 12);
    }
}
