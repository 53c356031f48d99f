/* kb_headcache.h - a cache of profile headers (issue 18, goal 1).
 *
 * The start screen names every profile (id, name, version, price year);
 * reading those headers from the YAML of each database is most of what
 * soem does before its first screen.  This cache keeps, per database
 * file, what the header reader (kb_load.c's kb_head: soem_kb and
 * profile:) fills, in a small format of its own, so that a start with
 * unchanged databases parses no YAML.
 *
 * Where: only $XDG_CACHE_HOME/soem/kb-heads (by default
 * ~/.cache/soem/kb-heads; XDG_CACHE_HOME only when it is an absolute
 * path), never beside a database.  The directory is created 0700 and
 * used only when it is a directory (not a symbolic link) that belongs to
 * the user and that neither group nor others may write; the file is
 * 0600, written atomically (store/atomic.c).
 *
 * Trust: an entry is keyed by the file's path, device, inode, size,
 * modification and change times (seconds and nanoseconds); one whose key
 * differs from the file's is not used, and the header is read from the
 * YAML as before.  The file starts with a magic line that names this
 * soem's version and ends with a checksum of all before it: a cache that
 * is unreadable, truncated, corrupt, from another version or larger
 * than HEADCACHE_MAX bytes is ignored without a word (and rewritten).
 * A file modified in the last two seconds is not cached (its time stamp
 * could still be shared by a later change of the same size).  A header
 * that does not read is not cached: the whole file is read then, as
 * without the cache.  Without a usable place (no HOME, a directory of
 * another user, ...) everything works as without the cache.
 */
#ifndef SOEM_KB_HEADCACHE_H
#define SOEM_KB_HEADCACHE_H

#include <stddef.h>
#include <sys/stat.h>

#include "model/kb.h"

/* The largest cache file read. */
#define HEADCACHE_MAX (1024 * 1024)
/* The most files a cache keeps (the ones of the folders read last). */
#define HEADCACHE_ENTRIES 256

typedef struct soem_headcache soem_headcache;

/* The cache as it is now (an empty one when there is no cache file or
 * it is not usable); NULL when there is no usable place for it. */
soem_headcache *soem_headcache_open(void);

/* The header of the database at path from the cache, when the cache
 * has it under st's key (st: stat(2) of path); else NULL.  The result
 * is header_only, as kb_head makes it; the caller frees it. */
soem_kb *soem_headcache_get(soem_headcache *hc, const char *path,
			    const struct stat *st);

/* Records kb (a header just read from the YAML of path, st its stat). */
void soem_headcache_put(soem_headcache *hc, const char *path,
			const struct stat *st, const soem_kb *kb);

/* Ends the reading of the folder dir: entries of files directly in dir
 * that were not asked for are dropped; the cache is written when it
 * changed; hc is freed.  hc may be NULL. */
void soem_headcache_close(soem_headcache *hc, const char *dir);

/* For tests: how many headers came from the cache, and how many were
 * asked for and not there, since the program started. */
void soem_headcache_counts(size_t *hits, size_t *misses);

#endif
