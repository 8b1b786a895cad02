package org.ventifs.cache;

/**
 * One directory entry naming an inode, seen from the inode (the reverse index).
 *
 * @param parent the directory holding the entry
 * @param name the entry's name
 */
public record Link(long parent, String name) {
}
