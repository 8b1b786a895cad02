/**
 * The writable disk cache: the active tree of one file system in one LMDB environment
 * (docs/cache-format.md). {@link org.ventifs.cache.Cache} is the entry point: an
 * inode-based API like FUSE's low-level one, each call one atomic transaction failing with
 * an errno-shaped {@link org.ventifs.cache.ErrnoException}; {@link org.ventifs.cache.Cache#freeze()}
 * and {@link org.ventifs.cache.Cache#retire} are the snapshot layer's hooks.
 */
package org.ventifs.cache;
