/* idindex.c - see idindex.h.  Open addressing with linear probing over
 * FNV-1a hashes, at most half full. */
#include "config.h"

#include "util/idindex.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"

static size_t hash(const char *s)
{
	return (size_t)soem_fnv1a(s, strlen(s));
}

static const char *id_at(const soem_idindex *x, size_t i)
{
	const char *s;
	memcpy(&s, (const char *)x->arr + i * x->size + x->off, sizeof s);
	return s;
}

void soem_idindex_init(soem_idindex *x, const void *arr, size_t n,
		       size_t size, size_t off)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	x->slots = xcalloc(cap, sizeof *x->slots);
	x->cap = cap;
	x->arr = arr;
	x->size = size;
	x->off = off;
}

size_t soem_idindex_add(soem_idindex *x, size_t i)
{
	const char *id = id_at(x, i);
	if (!id)
		return SOEM_IDX_NONE;
	size_t j = hash(id) & (x->cap - 1);
	while (x->slots[j]) {
		size_t k = x->slots[j] - 1;
		if (strcmp(id_at(x, k), id) == 0)
			return k;
		j = (j + 1) & (x->cap - 1);
	}
	x->slots[j] = i + 1;
	return SOEM_IDX_NONE;
}

size_t soem_idindex_find(const soem_idindex *x, const char *id)
{
	if (!x->slots || !id)
		return SOEM_IDX_NONE;
	size_t j = hash(id) & (x->cap - 1);
	while (x->slots[j]) {
		size_t k = x->slots[j] - 1;
		if (strcmp(id_at(x, k), id) == 0)
			return k;
		j = (j + 1) & (x->cap - 1);
	}
	return SOEM_IDX_NONE;
}

void soem_idindex_free(soem_idindex *x)
{
	free(x->slots);
	memset(x, 0, sizeof *x);
}
