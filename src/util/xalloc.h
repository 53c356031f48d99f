/* xalloc.h - allocation that never returns NULL (aborts with a message
 * on out-of-memory), and small string helpers.  Sizes are checked for
 * overflow. */
#ifndef SOEM_XALLOC_H
#define SOEM_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of size elem) to hold at least need
 * elements, doubling. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);       /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
