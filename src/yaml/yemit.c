/* yemit.c - see yemit.h */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/yemit.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xalloc.h"

static int out_write(void *data, unsigned char *buffer, size_t size)
{
	yemit *o = data;
	xgrow((void **)&o->buf, &o->cap, o->len + size + 1, 1);
	memcpy(o->buf + o->len, buffer, size);
	o->len += size;
	o->buf[o->len] = '\0';
	return 1;
}

static void put(yemit *o, yaml_event_t *ev, int init_ok)
{
	/* yaml_emitter_emit frees the event, also when it fails */
	if (!init_ok || !yaml_emitter_emit(&o->em, ev))
		o->failed = true;
}

int yemit_begin(yemit *o, int width, soem_err *err)
{
	memset(o, 0, sizeof *o);
	if (!yaml_emitter_initialize(&o->em))
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	yaml_emitter_set_output(&o->em, out_write, o);
	yaml_emitter_set_unicode(&o->em, 1);
	yaml_emitter_set_indent(&o->em, 2);
	yaml_emitter_set_width(&o->em, width);
	yaml_emitter_set_break(&o->em, YAML_LN_BREAK);
	yaml_event_t ev;
	put(o, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	put(o, &ev,
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	return 0;
}

int yemit_finish(yemit *o, char **buf, size_t *len, const char *what,
		 soem_err *err)
{
	yaml_event_t ev;
	if (!o->failed)
		put(o, &ev, yaml_document_end_event_initialize(&ev, 1));
	if (!o->failed)
		put(o, &ev, yaml_stream_end_event_initialize(&ev));
	if (!o->failed && !yaml_emitter_flush(&o->em))
		o->failed = true;
	if (o->failed) {
		soem_err_set(err, SOEM_EX_CANTCREAT, "%s: %s", what,
			     o->em.problem ? o->em.problem
					   : _("unknown problem"));
		yaml_emitter_delete(&o->em);
		free(o->buf);
		o->buf = NULL;
		*buf = NULL;
		*len = 0;
		return SOEM_EX_CANTCREAT;
	}
	yaml_emitter_delete(&o->em);
	if (!o->buf)
		o->buf = xstrdup("");
	*buf = o->buf;
	*len = o->len;
	return 0;
}

void yemit_scalar(yemit *o, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	bool plain_ok = style == YAML_PLAIN_SCALAR_STYLE ||
			style == YAML_ANY_SCALAR_STYLE;
	put(o, &ev,
	    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
					 (int)strlen(s), plain_ok, 1, style));
}

/* Would YAML read the plain text s as something other than a string? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false",
		"False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on",
		"On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<", "=",
		NULL
	};
	if (!*s)
		return true;
	if (strnlen(s, 6) < 6) /* the longest word has 5 letters */
		for (size_t i = 0; words[i]; i++)
			if (strcmp(s, words[i]) == 0)
				return true;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	/* numbers, dates, times, .5, .inf, .nan */
	return (*p >= '0' && *p <= '9') || *p == '.';
}

void yemit_str(yemit *o, const char *s)
{
	if (!s)
		s = "";
	if (looks_typed(s))
		yemit_scalar(o, s, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	else if (strchr(s, '\n'))
		yemit_scalar(o, s, YAML_LITERAL_SCALAR_STYLE);
	else
		yemit_scalar(o, s, YAML_ANY_SCALAR_STYLE);
}

void yemit_word(yemit *o, const char *s)
{
	yemit_scalar(o, s, YAML_PLAIN_SCALAR_STYLE);
}

void yemit_null(yemit *o)
{
	yemit_word(o, "null");
}

void yemit_double(yemit *o, double v)
{
	char b[40];
	if (!isfinite(v)) {
		yemit_null(o);
		return;
	}
	yemit_word(o, soem_num_exact(v, b, sizeof b));
}

void yemit_long(yemit *o, long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", v);
	yemit_word(o, b);
}

void yemit_ull(yemit *o, unsigned long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%llu", v);
	yemit_word(o, b);
}

void yemit_bool(yemit *o, bool v)
{
	yemit_word(o, v ? "true" : "false");
}

void yemit_map_start(yemit *o, bool flow)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev,
	    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						flow ? YAML_FLOW_MAPPING_STYLE
						     : YAML_BLOCK_MAPPING_STYLE));
}

void yemit_map_end(yemit *o)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev, yaml_mapping_end_event_initialize(&ev));
}

void yemit_seq_start(yemit *o, bool flow)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev,
	    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						 flow ? YAML_FLOW_SEQUENCE_STYLE
						      : YAML_BLOCK_SEQUENCE_STYLE));
}

void yemit_seq_end(yemit *o)
{
	yaml_event_t ev;
	if (o->failed)
		return;
	put(o, &ev, yaml_sequence_end_event_initialize(&ev));
}

void yemit_node(yemit *o, const ynode *n)
{
	if (!o->failed && ynode_emit(&o->em, n) != 0)
		o->failed = true;
}
