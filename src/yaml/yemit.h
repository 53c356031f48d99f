/* yemit.h - writing YAML with libyaml's emitter into memory.
 *
 * The one place where soem turns values into YAML events: the
 * calculation saver (calc_save.c) and the result and design writers
 * (report_yaml.c) share it.  A failed event sets `failed`; every later
 * call is then a no-op, and yemit_finish reports the failure once.
 */
#ifndef SOEM_YEMIT_H
#define SOEM_YEMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "yaml/ynode.h"
#include "util/err.h"

typedef struct yemit {
	yaml_emitter_t em;
	char *buf;
	size_t len, cap;
	bool failed;
} yemit;

/* Starts a stream and a document: lines folded at width columns, two
 * spaces of indent, UTF-8 kept, LF line ends. */
int yemit_begin(yemit *o, int width, soem_err *err);

/* Ends the document and the stream and hands the text to the caller
 * (*buf, NUL-terminated; caller frees).  On failure frees everything
 * and returns SOEM_EX_CANTCREAT with "what: libyaml's reason". */
int yemit_finish(yemit *o, char **buf, size_t *len, const char *what,
		 soem_err *err);

void yemit_scalar(yemit *o, const char *s, yaml_scalar_style_t style);
/* Text: quoted when YAML would read it as something else (a number, a
 * date, yes/no, null), a literal block when it has line breaks. */
void yemit_str(yemit *o, const char *s);
/* Keys and enumeration values: always plain. */
void yemit_word(yemit *o, const char *s);
void yemit_null(yemit *o);
/* The shortest form that reads back exactly; a non-finite value: null. */
void yemit_double(yemit *o, double v);
void yemit_long(yemit *o, long long v);
void yemit_ull(yemit *o, unsigned long long v);
void yemit_bool(yemit *o, bool v);
void yemit_map_start(yemit *o, bool flow);
void yemit_map_end(yemit *o);
void yemit_seq_start(yemit *o, bool flow);
void yemit_seq_end(yemit *o);
void yemit_node(yemit *o, const ynode *n);

#endif
