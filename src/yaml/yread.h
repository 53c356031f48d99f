/* yread.h - typed reading of ynode trees, with messages that name the
 * file, line, column and key path of what is wrong.
 *
 * Every function returns 0 on success or an exit code (SOEM_EX_DATAERR)
 * after filling r->err with "FILE:LINE:COL: PATH: what is wrong".  A path
 * is the key as SPEC §2.7 names inputs: "effect.p1", "costs[2].amount".
 */
#ifndef SOEM_YREAD_H
#define SOEM_YREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "yaml/ynode.h"
#include "util/num.h"
#include "util/err.h"

typedef struct yread {
	const char *file;
	soem_err *err;
	const char *prefix;   /* put before every path of a message, or NULL:
				 "groups[Unge]" while a group's keys are read
				 (SPEC 2.9 names a group's inputs so) */
} yread;

/* Reports an error at node n (or line 1 col 1 when n is NULL). */
int yread_fail(yread *r, const ynode *n, const char *path, const char *fmt,
	       ...) __attribute__((format(printf, 4, 5)));

/* n must be of kind; "expected a map, found a list". */
int yread_expect(yread *r, const ynode *n, const char *path, ynode_kind kind);

/* A scalar as text (caller frees *out; the old *out is freed). */
int yread_str(yread *r, const ynode *n, const char *path, char **out);

/* A finite number.  YAML 1.1/1.2 decimal notation: 12, -3.5, 1e3, 0.1;
 * no .nan/.inf, no hex, no text.  A quoted "12" is refused. */
int yread_double(yread *r, const ynode *n, const char *path, double *out);

/* A whole number in [min, max]. */
int yread_long(yread *r, const ynode *n, const char *path, long min,
	       long max, long *out);
int yread_int(yread *r, const ynode *n, const char *path, int min, int max,
	      int *out);

/* true/false (also yes/no, on/off as YAML 1.1 does). */
int yread_bool(yread *r, const ynode *n, const char *path, bool *out);

/* A number, or {value: v, low: l, high: h} with l <= v <= h. */
int yread_num(yread *r, const ynode *n, const char *path, soem_num *out);

/* yread_double and yread_num of item i of a list at parent: the path
 * parent[i] is only put together for a message (long lists of numbers
 * are most of a calculation file). */
int yread_double_at(yread *r, const ynode *n, const char *parent, size_t i,
		    double *out);
int yread_num_at(yread *r, const ynode *n, const char *parent, size_t i,
		 soem_num *out);

/* One of names[] (NULL-terminated); *out is its index. */
int yread_enum(yread *r, const ynode *n, const char *path,
	       const char *const *names, int *out);

/* Builds "parent.key" / "parent[i]" into buf (never fails; truncates). */
const char *ypath_key(char *buf, size_t size, const char *parent,
		      const char *key);
const char *ypath_index(char *buf, size_t size, const char *parent,
			size_t i);
const char *ypath_id(char *buf, size_t size, const char *parent,
		     const char *id);   /* parent[id], as in costs[Forløb] */

#define YPATH_MAX 512

#endif
