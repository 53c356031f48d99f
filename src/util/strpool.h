/* strpool.h - the memory of a loaded knowledge database's strings and
 * small arrays, in a few large blocks freed together (issue 18).
 *
 * A database has thousands of short strings (names, sources, units,
 * language codes) and many of them repeat; one malloc each cost a wizard
 * their chunk overhead and every repeated copy.  A pool hands out
 * memory from blocks that grow (to at most 1 MB) and stores a text
 * given to soem_strpool_intern once: the same text gives the same
 * pointer until soem_strpool_seal, which frees the table it looks them
 * up in.  Nothing is freed alone: soem_strpool_free frees every block.
 */
#ifndef SOEM_STRPOOL_H
#define SOEM_STRPOOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct soem_strpool soem_strpool;

soem_strpool *soem_strpool_new(void);
/* n zeroed bytes aligned for any pointer or double. */
void *soem_strpool_alloc(soem_strpool *p, size_t n);
/* A copy of s[0..len) with a NUL after it. */
char *soem_strpool_strndup(soem_strpool *p, const char *s, size_t len);
/* The same, stored once: an equal text interned before (and not yet
 * sealed) gives the same pointer. */
char *soem_strpool_intern(soem_strpool *p, const char *s, size_t len);
/* No more interning: frees the lookup table (the strings stay). */
void soem_strpool_seal(soem_strpool *p);
/* Whether ptr points into one of p's blocks (p NULL: false). */
bool soem_strpool_owns(const soem_strpool *p, const void *ptr);
/* Bytes of p's blocks handed out (for tests). */
size_t soem_strpool_used(const soem_strpool *p);
void soem_strpool_free(soem_strpool **p);

#endif
