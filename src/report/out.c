/* out.c - see out.h */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/out.h"
#include "util/i18n.h"
#include "report/report.h"
#include "util/textsafe.h"

int rpt_finish(FILE *f, char **mem, size_t *memlen, char **buf, size_t *len,
	       soem_err *err)
{
	if (fclose(f) != 0) {
		free(*mem);
		return soem_err_set(err, SOEM_EX_IOERR,
				    _("could not build the report"));
	}
	*buf = *mem;
	*len = *memlen;
	return 0;
}

int rpt_utf8_chars(const char *s)
{
	int chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	return chars;
}

void rpt_cell(FILE *f, const char *s, int width, bool left)
{
	int chars;

	s = soem_term_tmp(s);
	chars = rpt_utf8_chars(s);
	if (chars > width) {
		int n = 0;
		const char *p = s;

		for (; *p; p++)
			if ((*p & 0xC0) != 0x80 && n++ == width)
				break;
		fprintf(f, "%.*s", (int)(p - s), s);
		return;
	}
	if (left)
		fprintf(f, "%s%*s", s, width - chars, "");
	else
		fprintf(f, "%*s%s", width - chars, "", s);
}

void rpt_yaml_num(yemit *o, double v)
{
	char b[40];

	if (!isfinite(v)) {
		yemit_null(o);
		return;
	}
	soem_fmt_exact(v, b, sizeof b);
	yemit_word(o, b);
}
