/* compare.h - `soem compare` written out (issue 17): text (in pages of
 * as many file columns as fit in 80 columns), CSV and YAML (every file),
 * Markdown, and a self-contained HTML file with a grouped bar chart of
 * PV net per payer per file.  The data is model/compare.h's. */
#ifndef SOEM_REPORT_COMPARE_H
#define SOEM_REPORT_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"
#include "model/compare.h"
#include "util/err.h"
#include "util/numfmt.h"

/* A file that is not in the comparison, and why. */
typedef struct soem_cmp_left {
	const char *file;      /* as given */
	const char *reason;    /* one line, translated */
	int code;              /* its exit code; 0 for a file given twice */
	const char *same_as;   /* a file given twice: the one kept, else NULL */
} soem_cmp_left;

typedef struct soem_cmp_report {
	const soem_compare *cmp;
	const soem_cmp_left *left;
	size_t nleft;
	const char *lang;        /* "da", "sv", "en" */
	enum soem_numconv conv;
	char csv_sep;            /* 0 = the language's */
	int width;               /* text: columns (0 = 80; the wizard's
				    view is narrower) */
} soem_cmp_report;

int soem_compare_write(const soem_cmp_report *rp, soem_format fmt,
		       char **buf, size_t *len, soem_err *err);

#endif
