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

#include "model/illustrative.h"
#include "report/doc.h"
#include "report/out.h"
#include "report/report.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

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

/* A row of the figures block: a label, then one number per payer and
 * the total (v NULL: only the total, tot). */
static void fig_row(FILE *f, const soem_report *rp, char sep,
		    const char *label, const double *v, double tot,
		    int decimals)
{
	size_t P = rp->res->npayers;

	csv_field(f, label, sep);
	for (size_t p = 0; p <= P; p++) {
		fputc(sep, f);
		if (v)
			csv_num(f, rp, v[p], decimals);
		else if (p == P)
			csv_num(f, rp, tot, decimals);
	}
	fputs("\r\n", f);
}

/* After the yearly table and an empty line: the figures a council paper
 * quotes (SPEC §2.9): the cumulative net at the report years, the
 * break-even participants, cost per participant and per completer, the
 * groups, and gross and tax of a taxed transfer. */
static void csv_figures(FILE *f, const soem_report *rp, char sep)
{
	const soem_result *r = rp->res;
	size_t P = r->npayers, w = P + 1;
	char hb[512], lb[128], l2[640];

	fputs("\r\n", f);
	csv_field(f, rdoc_at_prices(rp, _("Figure"), hb, sizeof hb), sep);
	for (size_t p = 0; p <= P; p++) {
		fputc(sep, f);
		csv_field(f, rdoc_payer(rp, p), sep);
	}
	fputs("\r\n", f);
	for (size_t i = 0; i < r->nat; i++) {
		snprintf(l2, sizeof l2, _("%s: cumulative net"),
			 rdoc_after_label(r->at_year[i], lb, sizeof lb));
		fig_row(f, rp, sep, l2, r->at_net + i * w, 0, 2);
		snprintf(l2, sizeof l2, _("%s: cumulative net, discounted"),
			 rdoc_after_label(r->at_year[i], lb, sizeof lb));
		fig_row(f, rp, sep, l2, r->at_net_disc + i * w, 0, 2);
	}
	if (isfinite(r->bep_whole))
		fig_row(f, rp, sep, _("Participants it pays from"), NULL,
			r->bep_whole, 0);
	if (r->has_completion) {
		/* on the heap: a profile may have many payers */
		double *cp[2] = { xcalloc(P + 1, sizeof(double)),
				  xcalloc(P + 1, sizeof(double)) };

		for (size_t p = 0; p <= P; p++) {
			cp[0][p] = rdoc_cost_per(rp, p, false);
			cp[1][p] = rdoc_cost_per(rp, p, true);
		}
		fig_row(f, rp, sep, _("Net per completer"), r->per_completer,
			0, 2);
		fig_row(f, rp, sep, _("Cost per participant"), cp[0], 0, 2);
		fig_row(f, rp, sep, _("Cost per completer"), cp[1], 0, 2);
		free(cp[0]);
		free(cp[1]);
	}
	for (size_t g = 0; g < r->ngroups; g++) {
		const char *gn = rdoc_group_name(rp, g);
		int cut = (int)soem_utf8_cut(gn, 256);

		snprintf(l2, sizeof l2, _("Group %.*s: participants"), cut, gn);
		fig_row(f, rp, sep, l2, NULL, r->grp_participants[g], 2);
		snprintf(l2, sizeof l2, _("Group %.*s: effects (not discounted)"),
			 cut, gn);
		fig_row(f, rp, sep, l2, r->grp_effects + g * w, 0, 2);
		snprintf(l2, sizeof l2, _("Group %.*s: present value of effects"),
			 cut, gn);
		fig_row(f, rp, sep, l2, r->grp_pv_effects + g * w, 0, 2);
	}
	/* issue 16 point 7: the text report's line, as a number */
	double ill = soem_illustrative_share(rp->calc, rp->kb, r, rp->svc_cons);
	if (isfinite(ill))
		fig_row(f, rp, sep,
			_("Share of the present value of effects resting on illustrative figures, per cent"),
			NULL, 100 * ill, 1);
	/* SPEC §2.9: a service once, summed over the groups */
	soem_svc_totals st;
	soem_report_svc_totals(rp, &st);
	for (size_t e = 0; e < st.n; e++) {
		const char *sn = rdoc_service(rp, st.first[e]);
		int cut = (int)soem_utf8_cut(sn, 256);

		if (!st.taxed[e])
			continue;
		snprintf(l2, sizeof l2, _("%.*s: gross"), cut, sn);
		fig_row(f, rp, sep, l2, st.gross + e * w, 0, 2);
		snprintf(l2, sizeof l2, _("%.*s: tax back"), cut, sn);
		fig_row(f, rp, sep, l2, st.tax + e * w, 0, 2);
		snprintf(l2, sizeof l2, _("%.*s (net of tax)"), cut, sn);
		fig_row(f, rp, sep, l2, st.effects + e * w, 0, 2);
	}
	soem_report_svc_totals_free(&st);
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
	char hb[512];

	csv_field(f, rdoc_at_prices(rp, _("Year"), hb, sizeof hb), sep);
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
	csv_figures(f, rp, sep);
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

