package org.ventifs.fs;

/**
 * Inode numbers of the /dump view, apart from the active tree's (which the cache
 * numbers from 1 and never comes near bit 62). Layout of a dump inode:
 * bit 62 set; bits 40..61 hold the dump's catalog position + 1 (0 for the view's own
 * directories); bits 0..39 hold the file's qid in that dump (equal qids are hard
 * links, so they share an inode), or for the view's directories 1 for /dump and
 * 10000 + year for /dump/yyyy.
 */
final class DumpInodes {
    static final long DUMP_BIT = 1L << 62;
    static final long ROOT = DUMP_BIT | 1;
    private static final int DUMP_SHIFT = 40;
    private static final long QID_MASK = (1L << DUMP_SHIFT) - 1;
    private static final long YEAR_BASE = 10_000;

    private DumpInodes() {
    }

    static boolean isDump(long ino) {
        return (ino & DUMP_BIT) != 0;
    }

    static long year(int year) {
        return DUMP_BIT | (YEAR_BASE + year);
    }

    /** The year of a year directory's inode, or -1 when {@code ino} is not one. */
    static int yearOf(long ino) {
        long low = ino & ~DUMP_BIT;
        return low > YEAR_BASE && low < YEAR_BASE + 10_000 ? (int) (low - YEAR_BASE) : -1;
    }

    static long file(int dumpIndex, long qid) {
        return DUMP_BIT | ((long) (dumpIndex + 1) << DUMP_SHIFT) | (qid & QID_MASK);
    }

    /** The catalog position of a file inode's dump, or -1 for the view's own directories. */
    static int dumpOf(long ino) {
        return (int) (((ino & ~DUMP_BIT) >>> DUMP_SHIFT) - 1);
    }
}
