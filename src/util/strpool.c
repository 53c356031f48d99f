/* strpool.c - see strpool.h */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/strpool.h"
#include "util/xalloc.h"

/* A new block has an eighth of the bytes so far, at least POOL_MIN and at
 * most POOL_MAX: what the last block leaves unused is small (a wizard's
 * profile of 100 kB wastes a few kB) and a large database still needs
 * only some tens of blocks. */
#define POOL_MIN 4096
#define POOL_MAX (1024 * 1024)
#define POOL_ALIGN 8

typedef struct block {
	struct block *next;
	size_t size, used;       /* bytes of data */
	_Alignas(POOL_ALIGN) unsigned char data[];
} block;

typedef struct islot {           /* a slot of the intern table */
	char *s;                 /* NULL: empty */
	uint32_t hash;
	uint32_t len;
} islot;

struct soem_strpool {
	block *head;             /* the newest block; the others after */
	block **sorted;          /* all blocks by address (for owns), */
	size_t nblocks, cap_blocks;
	size_t total;            /* bytes of all blocks */
	size_t used;
	islot *slot;             /* intern table: cap slots, a power of */
	size_t cap, n;           /* two, at most half full */
};

soem_strpool *soem_strpool_new(void)
{
	return xcalloc(1, sizeof(soem_strpool));
}

static void *pool_take(soem_strpool *p, size_t n, size_t align)
{
	block *b = p->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;

	if (!b || at > b->size || b->size - at < n) {
		size_t size = p->total / 8;
		if (size < POOL_MIN)
			size = POOL_MIN;
		if (size > POOL_MAX)
			size = POOL_MAX;
		if (size < n)
			size = n;
		if (size > SIZE_MAX - sizeof(block))
			abort();
		b = xmalloc(sizeof(block) + size);
		b->size = size;
		b->used = 0;
		b->next = p->head;
		p->head = b;
		p->total += size;
		at = 0;
		if (p->nblocks == p->cap_blocks)
			xgrow((void **)&p->sorted, &p->cap_blocks,
			      p->nblocks + 1, sizeof *p->sorted);
		size_t i = p->nblocks++;
		while (i > 0 && (uintptr_t)p->sorted[i - 1] > (uintptr_t)b) {
			p->sorted[i] = p->sorted[i - 1];
			i--;
		}
		p->sorted[i] = b;
	}
	b->used = at + n;
	p->used += n;
	return b->data + at;
}

void *soem_strpool_alloc(soem_strpool *p, size_t n)
{
	void *m = pool_take(p, n ? n : 1, POOL_ALIGN);
	memset(m, 0, n);
	return m;
}

char *soem_strpool_strndup(soem_strpool *p, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		abort();
	char *d = pool_take(p, len + 1, 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = soem_fnv1a(s, len);
	return (uint32_t)(h ^ (h >> 32));
}

static void intern_grow(soem_strpool *p)
{
	size_t cap = p->cap ? 2 * p->cap : 256;
	islot *slot = xcalloc(cap, sizeof *slot);

	for (size_t i = 0; i < p->cap; i++) {
		if (!p->slot[i].s)
			continue;
		size_t j = p->slot[i].hash & (cap - 1);
		while (slot[j].s)
			j = (j + 1) & (cap - 1);
		slot[j] = p->slot[i];
	}
	free(p->slot);
	p->slot = slot;
	p->cap = cap;
}

char *soem_strpool_intern(soem_strpool *p, const char *s, size_t len)
{
	if (len > UINT32_MAX)
		return soem_strpool_strndup(p, s, len);
	if ((p->n + 1) * 2 > p->cap)
		intern_grow(p);
	uint32_t h = hash_bytes(s, len);
	size_t j = h & (p->cap - 1);

	for (; p->slot[j].s; j = (j + 1) & (p->cap - 1))
		if (p->slot[j].hash == h && p->slot[j].len == len &&
		    memcmp(p->slot[j].s, s, len) == 0)
			return p->slot[j].s;
	p->slot[j] = (islot){ soem_strpool_strndup(p, s, len), h,
			      (uint32_t)len };
	p->n++;
	return p->slot[j].s;
}

void soem_strpool_seal(soem_strpool *p)
{
	if (!p)
		return;
	free(p->slot);
	p->slot = NULL;
	p->cap = p->n = 0;
}

bool soem_strpool_owns(const soem_strpool *p, const void *ptr)
{
	uintptr_t a = (uintptr_t)ptr;
	size_t lo = 0, hi = p ? p->nblocks : 0;

	/* the last block at or below ptr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)p->sorted[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	const block *b = p->sorted[lo - 1];
	uintptr_t d = (uintptr_t)b->data;
	return a >= d && a - d < b->size;
}

size_t soem_strpool_used(const soem_strpool *p)
{
	return p ? p->used : 0;
}

void soem_strpool_free(soem_strpool **pp)
{
	soem_strpool *p = pp ? *pp : NULL;

	if (!p)
		return;
	for (block *b = p->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p->slot);
	free(p->sorted);
	free(p);
	*pp = NULL;
}
