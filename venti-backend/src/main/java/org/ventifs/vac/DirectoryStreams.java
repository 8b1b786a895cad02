package org.ventifs.vac;

/**
 * The two streams of one directory: the entry stream (a dir stream of its
 * children's 40-byte entries) and the meta stream (MetaBlocks of their DirEntries).
 *
 * @param entries the entry stream
 * @param meta    the meta stream
 */
public record DirectoryStreams(Entry entries, Entry meta) {
}
