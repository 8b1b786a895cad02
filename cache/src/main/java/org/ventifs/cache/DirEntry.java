package org.ventifs.cache;

/**
 * One directory entry from {@code readdir}.
 *
 * @param name the entry's name
 * @param ino the inode it names
 * @param type the inode's type
 * @param cookie the offset to pass to {@code readdir} to continue after this entry
 */
public record DirEntry(String name, long ino, FileType type, long cookie) {
}
