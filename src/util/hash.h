/* hash.h - FNV-1a (64 bits) of a run of bytes: the one hash of soem's
 * tables (ids, YAML keys, interned strings), of autosave file names and
 * of the head cache's checksum.  Not for anything an attacker must not
 * collide: every table that uses it compares the keys themselves. */
#ifndef SOEM_HASH_H
#define SOEM_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t soem_fnv1a(const void *p, size_t n);

#endif
