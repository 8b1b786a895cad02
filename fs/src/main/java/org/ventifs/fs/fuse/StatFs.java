package org.ventifs.fs.fuse;

/** What statfs(2) shows, in units of {@code blockSize} bytes. */
public record StatFs(long blocks, long blocksFree, long blocksAvailable, long files, long filesFree,
                     int blockSize, int nameMax) {
}
