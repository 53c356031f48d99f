/* csv.c - the yearly table as CSV (SPEC §5.7): plain numbers (no
 * thousands separators) with the language's decimal mark, so that a
 * spreadsheet reads them; text cells pass the CSV sink (util/textsafe),
 * which neutralises formulas.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/out.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/textsafe.h"

static char csv_sep_of(const soem_report *rp)
{
	if (rp->csv_sep)
		return rp->csv_sep;
	return rp->conv == SOEM_NUM_EN ? ',' : ';';
}

/* A text cell: through the one CSV sink (util/textsafe.h), which puts
 * a ' before =, +, -, @, TAB or CR at the start. */
static void csv_field(FILE *f, const char *s, char sep)
{
	soem_csv_write(f, s, sep);
}

static void csv_num(FILE *f, const soem_report *rp, double v, int decimals)
{
	char b[64];
	if (!isfinite(v))
		return;
	snprintf(b, sizeof b, "%.*f", decimals, v);
	if (strcmp(b, "-0") == 0 || strspn(b, "-0.") == strlen(b))
		snprintf(b, sizeof b, "%.*f", decimals, 0.0);
	if (rp->conv != SOEM_NUM_EN)
		for (char *p = b; *p; p++)
			if (*p == '.')
				*p = ',';
	/* A number stays a number (no '), but one that holds the separator
	 * (--csv-sep refuses such separators; the wizard's export shares
	 * this) is quoted so that it stays one cell. */
	if (strchr(b, csv_sep_of(rp)))
		fprintf(f, "\"%s\"", b);
	else
		fputs(b, f);
}

int soem_report_csv(const soem_report *rp, char **buf, size_t *len,
		    soem_err *err)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	const soem_result *r = rp->res;
	size_t P = r->npayers;
	char sep = csv_sep_of(rp);
	char h[256];
	if (rp->conv != SOEM_NUM_EN)
		fputs("\xEF\xBB\xBF", f);
	static const char *const what[] = {
		N_("costs"), N_("effects"), N_("net"), N_("net discounted"),
		N_("cumulative discounted")
	};
	csv_field(f, _("Year"), sep);
	fputc(sep, f);
	csv_field(f, _("Discount factor"), sep);
	for (size_t w = 0; w < 5; w++)
		for (size_t p = 0; p <= P; p++) {
			fputc(sep, f);
			/* a long name is cut on a character boundary */
			const char *pn = rdoc_payer(rp, p);
			snprintf(h, sizeof h, "%.*s: %s",
				 (int)soem_utf8_cut(pn, sizeof h / 2), pn,
				 gettext(what[w]));
			csv_field(f, h, sep);
		}
	fputs("\r\n", f);
	const double *tables[5] = { r->costs, r->effects, r->net, r->net_disc,
				    r->cum_disc };
	for (int t = 1; t <= r->horizon; t++) {
		fprintf(f, "%d", t);
		fputc(sep, f);
		csv_num(f, rp, r->discount[t - 1], 6);
		for (size_t w = 0; w < 5; w++)
			for (size_t p = 0; p <= P; p++) {
				fputc(sep, f);
				csv_num(f, rp,
					tables[w][(size_t)(t - 1) * (P + 1) + p],
					2);
			}
		fputs("\r\n", f);
	}
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

