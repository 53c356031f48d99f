/* idindex.h - a hash index of the string ids of an array of structs, so
 * that a list of up to 100 000 entries (SPEC §6) is searched by id in
 * constant time instead of a scan (issue 18).  The index holds positions
 * only; the array must not move or change its ids while the index is
 * used. */
#ifndef SOEM_IDINDEX_H
#define SOEM_IDINDEX_H

#include <stddef.h>

#define SOEM_IDX_NONE ((size_t)-1)

typedef struct soem_idindex {
	size_t *slots;     /* position + 1, 0 = empty */
	size_t cap;        /* a power of two, at least twice the entries */
	const void *arr;   /* the array: elements of size bytes ... */
	size_t size, off;  /* ... whose `char *` id is at offset off */
} soem_idindex;

/* An empty index for up to n entries of arr. */
void soem_idindex_init(soem_idindex *x, const void *arr, size_t n,
		       size_t size, size_t off);
/* Adds position i (i < the n of init).  When an entry with the same id is
 * there already it adds nothing and returns that entry's position;
 * otherwise SOEM_IDX_NONE.  A NULL id is never added. */
size_t soem_idindex_add(soem_idindex *x, size_t i);
/* The position of the first entry added with this id, or SOEM_IDX_NONE. */
size_t soem_idindex_find(const soem_idindex *x, const char *id);
void soem_idindex_free(soem_idindex *x);

#endif
