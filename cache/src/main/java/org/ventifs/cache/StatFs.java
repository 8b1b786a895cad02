package org.ventifs.cache;

/**
 * The cache's capacity as {@code statfs} reports it, in units of {@link #blockSize()} bytes.
 *
 * @param blockSize the unit of the block counts (the LMDB page size)
 * @param totalBlocks the capacity available to file data and metadata
 * @param freeBlocks the part of it not in use
 * @param files inodes in use plus those that would fit in the free space
 * @param freeFiles inodes that would fit in the free space
 * @param nameMax the longest name in bytes
 */
public record StatFs(long blockSize, long totalBlocks, long freeBlocks, long files, long freeFiles,
                     int nameMax) {
}
