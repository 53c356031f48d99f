/* compare.c - `soem compare` written out (issue 17); see compare.h.
 *
 * Every text that comes from a file (file names, intervention, cost and
 * service names, kept keys) is untrusted: text, CSV and Markdown show
 * control characters visibly, CSV puts a ' before a text cell that a
 * spreadsheet would read as a formula, HTML escapes everything, YAML
 * leaves it to libyaml's quoting and escapes. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/compare.h"
#include "report/doc.h"
#include "report/out.h"
#include "yaml/yemit.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* Text from files leaves through util/textsafe's sinks (the terminal,
 * CSV, HTML) and markdown.c's, like every report's. */
static char *visible(const char *s)
{
	return xstrdup(soem_term_tmp(s));
}

static void md_esc(FILE *f, const char *s)
{
	rdoc_md_write(f, s, true);
}

static void html_esc(FILE *f, const char *s)
{
	soem_html_write(f, s, false);
}


static const char *lang_of(const soem_cmp_report *rp)
{
	return rp->lang ? rp->lang : "en";
}

static const char *payer_name(const soem_cmp_report *rp, size_t p)
{
	const soem_kb *kb = rp->cmp->kb;

	if (p >= kb->npayers)
		return _("Total");
	return soem_text_get(&kb->payers[p].name, lang_of(rp), kb->language);
}

static const char *service_name(const soem_cmp_report *rp,
				const soem_cmp_row *r)
{
	const soem_kb *kb = rp->cmp->kb;
	size_t s;

	if (r->svc_name)
		return r->svc_name;
	s = soem_kb_service_index(kb, r->name);
	if (s == SOEM_NPOS)
		return r->name ? r->name : "";
	return soem_text_get(&kb->services[s].name, lang_of(rp), kb->language);
}

static const char *intervention_of(const soem_cmp_file *f)
{
	const char *n = f->calc->intervention.name;

	return n && *n ? n : _("(unnamed intervention)");
}

/* A cost item: "Name (payer)", or "Name (payer, 2nd)". */
static char *cost_label(const soem_cmp_report *rp, const soem_cmp_row *r)
{
	const char *payer = r->payer != SOEM_NPOS ? payer_name(rp, r->payer)
						  : "?";

	if (r->occurrence > 1)
		return xasprintf(_("Cost \"%s\" (%s, no. %d)"), r->name, payer,
				 r->occurrence);
	return xasprintf(_("Cost \"%s\" (%s)"), r->name, payer);
}

static char *cons_label(const soem_cmp_report *rp, const soem_cmp_row *r)
{
	if (r->occurrence > 1)
		return xasprintf("%s (%d)", service_name(rp, r), r->occurrence);
	return xstrdup(service_name(rp, r));
}

/* The row's label, translated (caller frees; not yet made visible). */
static char *label_of(const soem_cmp_report *rp, const soem_cmp_row *r)
{
	char *a, *l;

	switch (r->what) {
	case SOEM_CMPW_HORIZON: return xstrdup(_("Horizon (years)"));
	case SOEM_CMPW_COURSE_YEARS: return xstrdup(_("Course length (years)"));
	case SOEM_CMPW_PRICE_LEVEL: return xstrdup(_("Price level (the file's own)"));
	case SOEM_CMPW_COMPLETION: return xstrdup(_("Share of starters who complete"));
	case SOEM_CMPW_GROUPS: return xstrdup(_("Groups"));
	case SOEM_CMPW_INTAKE: return xasprintf(_("Participants starting in year %d"), r->year);
	case SOEM_CMPW_EFFECT_GIVEN: return xstrdup(_("Success rate given as"));
	case SOEM_CMPW_P1: return xstrdup(_("p1 (with the intervention)"));
	case SOEM_CMPW_P0: return xstrdup(_("p0 (without it)"));
	case SOEM_CMPW_SUCCESS_RATE: return xstrdup(_("Success rate as given"));
	case SOEM_CMPW_S: return xstrdup(_("Success rate s used"));
	case SOEM_CMPW_EXP_XT: return xstrdup(_("Experiment: treated reaching it"));
	case SOEM_CMPW_EXP_NT: return xstrdup(_("Experiment: treated"));
	case SOEM_CMPW_EXP_XC: return xstrdup(_("Experiment: controls reaching it"));
	case SOEM_CMPW_EXP_NC: return xstrdup(_("Experiment: controls"));
	case SOEM_CMPW_PERSISTENCE: return xasprintf(_("Persistence in consequence year %d"), r->year);
	case SOEM_CMPW_COST_AMOUNT: case SOEM_CMPW_COST_BASIS:
	case SOEM_CMPW_COST_YEARS: case SOEM_CMPW_COST_FROM:
	case SOEM_CMPW_COST_TO: case SOEM_CMPW_COST_SAVED:
	case SOEM_CMPW_COST_PRICE_YEAR: {
		const char *field =
			r->what == SOEM_CMPW_COST_AMOUNT ? _("amount")
			: r->what == SOEM_CMPW_COST_BASIS ? _("basis")
			: r->what == SOEM_CMPW_COST_YEARS ? _("years")
			: r->what == SOEM_CMPW_COST_FROM ? _("from year")
			: r->what == SOEM_CMPW_COST_TO ? _("to year")
			: r->what == SOEM_CMPW_COST_SAVED ? _("saved")
							  : _("price year");
		a = cost_label(rp, r);
		l = xasprintf("%s: %s", a, field);
		free(a);
		return l;
	}
	case SOEM_CMPW_CONS_ENABLED: case SOEM_CMPW_CONS_YEAR:
	case SOEM_CMPW_CONS_DURING: case SOEM_CMPW_CONS_SCALE:
		a = cons_label(rp, r);
		if (r->what == SOEM_CMPW_CONS_YEAR)
			l = xasprintf(_("%s: consequence year %d"), a, r->year);
		else
			l = xasprintf("%s: %s", a,
				      r->what == SOEM_CMPW_CONS_ENABLED ? _("included")
				      : r->what == SOEM_CMPW_CONS_DURING ? _("during the course")
									 : _("scale"));
		free(a);
		return l;
	case SOEM_CMPW_PRICE:
		return xasprintf(_("Price of %s: %s"), service_name(rp, r),
				 payer_name(rp, r->payer));
	case SOEM_CMPW_DISCOUNT_FIRST: return xstrdup(_("Discount: the first year"));
	case SOEM_CMPW_DISCOUNT_RATE: return xasprintf(_("Discount rate from step %d"), r->year);
	case SOEM_CMPW_EXTRA: return xasprintf(_("%s (as written)"), r->name);
	case SOEM_CMPW_PV_COSTS: a = _("PV of costs"); break;
	case SOEM_CMPW_PV_EFFECTS: a = _("PV of effects"); break;
	case SOEM_CMPW_PV_NET: a = _("PV of net"); break;
	case SOEM_CMPW_NET: a = _("Net, undiscounted"); break;
	case SOEM_CMPW_BREAK_EVEN: a = _("Break-even year"); break;
	case SOEM_CMPW_RETURN: a = _("Return per krone"); break;
	case SOEM_CMPW_PER_PARTICIPANT: a = _("Net per participant"); break;
	case SOEM_CMPW_BREAK_EVEN_S: return xstrdup(_("Break-even success rate"));
	case SOEM_CMPW_CUM:
		return xasprintf(_("Net after year %d: %s"), r->year,
				 payer_name(rp, r->payer));
	case SOEM_CMPW_CUM_DISC:
		return xasprintf(_("Discounted net after year %d: %s"),
				 r->year, payer_name(rp, r->payer));
	default: a = "?"; break;
	}
	return xasprintf("%s: %s", a, payer_name(rp, r->payer));
}

/* Machine words of text cells, for people. */
static const char *word(const char *w)
{
	static const struct { const char *w; const char *t; } words[] = {
		{ "p1_p0", N_("p1 and p0") },
		{ "success_rate", N_("success rate") },
		{ "experiment", N_("experiment") },
		{ "per_participant", N_("per participant") },
		{ "per_participant_year", N_("per participant and year") },
		{ "once", N_("once") },
		{ "yearly", N_("every year") },
		{ "yes", N_("yes") },
		{ "no", N_("no") },
		{ "discounted", N_("discounted") },
		{ "undiscounted", N_("not discounted") },
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i].w) == 0)
			return gettext(words[i].t);
	return w;
}

static bool machine_text(const soem_cmp_row *r)
{
	return r->what == SOEM_CMPW_EFFECT_GIVEN ||
	       r->what == SOEM_CMPW_COST_BASIS ||
	       r->what == SOEM_CMPW_COST_SAVED ||
	       r->what == SOEM_CMPW_CONS_ENABLED ||
	       r->what == SOEM_CMPW_DISCOUNT_FIRST;
}

static int count_decimals(double v)
{
	double a = fabs(v);

	if (v == floor(v))
		return 0;
	return a >= 1000 ? 0 : a >= 10 ? 2 : 4;
}

/* A cell's value for people (not yet made visible). */
static const char *value_text(const soem_cmp_report *rp,
			      const soem_cmp_row *r, const soem_cmp_cell *c,
			      char *b, size_t n)
{
	char t[SOEM_NUM_BUFSIZE / 2];

	if (!c->present) {
		snprintf(b, n, "%s", "-");
		return b;
	}
	switch (r->fmt) {
	case SOEM_CMPF_TEXT:
		snprintf(b, n, "%s", machine_text(r) ? word(c->text) : c->text);
		return b;
	case SOEM_CMPF_YEAR:
		if (c->be == SOEM_BE_NULL)
			snprintf(b, n, "%s", "-");
		else if (c->be == SOEM_BE_NONE)
			snprintf(b, n, "%s", _("none"));
		else
			snprintf(b, n, "%d", c->be);
		return b;
	default:
		break;
	}
	if (!isfinite(c->v)) {
		snprintf(b, n, "%s",
			 r->what == SOEM_CMPW_BREAK_EVEN_S ? _("none") : _("n/a"));
		return b;
	}
	switch (r->fmt) {
	case SOEM_CMPF_MONEY:
		return soem_num_format(c->v, 0, rp->conv, b, n);
	case SOEM_CMPF_SHARE:
		soem_num_format(c->v * 100, 1, rp->conv, t, sizeof t);
		snprintf(b, n, "%s %%", t);
		return b;
	case SOEM_CMPF_RATIO:
		return soem_num_format(c->v, 2, rp->conv, b, n);
	default:
		return soem_num_format(c->v, count_decimals(c->v), rp->conv, b,
				       n);
	}
}

static void signed_num(const soem_cmp_report *rp, double v, int dec,
		       const char *unit, char *b, size_t n)
{
	char t[SOEM_NUM_BUFSIZE / 2];

	soem_num_format(v, dec, rp->conv, t, sizeof t);
	snprintf(b, n, "%s%s%s", v > 0 && strcmp(t, "0") && t[0] != '-' ? "+" : "",
		 t, unit);
}

/* The absolute difference for people ("" when there is none to show). */
static const char *diff_text(const soem_cmp_report *rp,
			     const soem_cmp_row *r, const soem_cmp_cell *c,
			     char *b, size_t n)
{
	char t[SOEM_NUM_BUFSIZE / 2];

	b[0] = '\0';
	if (!isfinite(c->diff))
		return r->fmt == SOEM_CMPF_TEXT ? b : (snprintf(b, n, "%s", _("n/a")), b);
	switch (r->fmt) {
	case SOEM_CMPF_MONEY:
		signed_num(rp, c->diff, 0, "", b, n);
		break;
	case SOEM_CMPF_SHARE:
		signed_num(rp, c->diff * 100, 1, "", t, sizeof t);
		snprintf(b, n, _("%s pp"), t);
		break;
	case SOEM_CMPF_RATIO:
		signed_num(rp, c->diff, 2, "", b, n);
		break;
	case SOEM_CMPF_YEAR:
		signed_num(rp, c->diff, 0, "", b, n);
		break;
	default:
		signed_num(rp, c->diff, count_decimals(c->diff), "", b, n);
		break;
	}
	return b;
}

static const char *pct_text(const soem_cmp_report *rp,
			    const soem_cmp_row *r, const soem_cmp_cell *c,
			    char *b, size_t n)
{
	b[0] = '\0';
	if (r->fmt == SOEM_CMPF_TEXT || r->fmt == SOEM_CMPF_YEAR)
		return b;
	if (!isfinite(c->pct)) {
		snprintf(b, n, "%s", _("n/a"));
		return b;
	}
	signed_num(rp, c->pct, 1, " %", b, n);
	return b;
}

/* The reference's price level: its own `price_level`, else its profile's
 * price year (SPEC 2.9). */
static int level_of(const soem_cmp_report *rp)
{
	const soem_cmp_file *f = &rp->cmp->files[0];

	return f->calc->price_level ? f->calc->price_level
				    : rp->cmp->kb->price_year;
}

static char *title_of(const soem_cmp_report *rp)
{
	const soem_kb *kb = rp->cmp->kb;

	return xasprintf(_("Comparison of %zu calculations (profile %s, %s, %d prices)"),
			 rp->cmp->nfiles, kb->id, kb->currency ? kb->currency : "",
			 level_of(rp));
}

static const char *price_level_note(void)
{
	return _("All amounts are at the first file's price level, whatever level each file reports at by itself.");
}

static char *left_text(const soem_cmp_left *l)
{
	if (l->same_as)
		return xasprintf(_("given more than once (the same file as %s): counted once"),
				 l->same_as);
	return xstrdup(l->reason);
}

/* ------------------------------------------------------------------ */
/* Text */

#define TEXT_WIDTH 80
#define LABEL_MIN 24
#define LABEL_MAX 44

static void text_line(FILE *f, const char *label, int lw, char **cells,
		      size_t from, size_t to, int cw)
{
	/* a longer label stands on a line of its own, whole */
	if (rpt_utf8_chars(label) > lw)
		fprintf(f, "%s\n%*s", label, lw, "");
	else
		rpt_cell(f, label, lw, true);
	for (size_t i = from; i < to; i++) {
		fputc(' ', f);
		rpt_cell(f, cells[i], cw, false);
	}
	/* no trailing spaces */
	fputc('\n', f);
}

static int soem_cmp_text(const soem_cmp_report *rp, char **buf, size_t *len,
			 soem_err *err)
{
	const soem_compare *c = rp->cmp;
	size_t n = c->nfiles;
	char *mem = NULL, *t;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	char b[SOEM_NUM_BUFSIZE];
	int lw = LABEL_MIN, cw = 6;
	int tw = rp->width >= 40 ? rp->width : TEXT_WIDTH;
	char ***val, ***dif, ***pct, **lab;
	size_t per_page;

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	/* every cell's text first: the widths come from them */
	val = xcalloc(c->nrows, sizeof *val);
	dif = xcalloc(c->nrows, sizeof *dif);
	pct = xcalloc(c->nrows, sizeof *pct);
	lab = xcalloc(c->nrows, sizeof *lab);
	for (size_t i = 0; i < c->nrows; i++) {
		const soem_cmp_row *r = &c->rows[i];

		t = label_of(rp, r);
		lab[i] = visible(t);
		free(t);
		if (rpt_utf8_chars(lab[i]) > lw)
			lw = rpt_utf8_chars(lab[i]) < LABEL_MAX ? rpt_utf8_chars(lab[i])
							    : LABEL_MAX;
		val[i] = xcalloc(n, sizeof **val);
		dif[i] = xcalloc(n, sizeof **dif);
		pct[i] = xcalloc(n, sizeof **pct);
		for (size_t k = 0; k < n; k++) {
			val[i][k] = visible(
				value_text(rp, r, &r->cell[k], b, sizeof b));
			dif[i][k] = visible(
				k ? diff_text(rp, r, &r->cell[k], b, sizeof b) : "");
			pct[i][k] = visible(
				k ? pct_text(rp, r, &r->cell[k], b, sizeof b) : "");
			int w = rpt_utf8_chars(val[i][k]);
			if (r->fmt == SOEM_CMPF_TEXT && w > 24)
				w = 24; /* long texts are cut */
			cw = w > cw ? w : cw;
			cw = rpt_utf8_chars(dif[i][k]) > cw ? rpt_utf8_chars(dif[i][k]) : cw;
			cw = rpt_utf8_chars(pct[i][k]) > cw ? rpt_utf8_chars(pct[i][k]) : cw;
		}
	}
	if (lw + 1 + cw > tw)
		lw = tw - 1 - cw > 12 ? tw - 1 - cw : 12;
	per_page = (size_t)((tw - lw) / (cw + 1));
	if (per_page < 1)
		per_page = 1;

	t = title_of(rp);
	{
		char *v = visible(t);
		fprintf(f, "%s\n%s\n\n", v,
			_("All amounts are at the profile's price year, which is\nthe first file's price level."));
		free(v);
	}
	free(t);
	fprintf(f, "%s\n", _("Files (column number, file, intervention):"));
	for (size_t k = 0; k < n; k++) {
		char *a = visible(c->files[k].label);
		char *i = visible(intervention_of(&c->files[k]));

		fprintf(f, "%4zu  %s  (%s)%s\n", k + 1, a, i,
			k == 0 ? _("  - the reference") : "");
		free(a);
		free(i);
	}
	if (rp->nleft) {
		fprintf(f, "\n%s\n", _("Left out:"));
		for (size_t k = 0; k < rp->nleft; k++) {
			char *a = visible(rp->left[k].file);
			char *r0 = left_text(&rp->left[k]);
			char *r = visible(r0);

			fprintf(f, "      %s: %s\n", a, r);
			free(a);
			free(r);
			free(r0);
		}
	}
	fprintf(f, "\n%s\n",
		_("Under a row that differs from the reference: the difference,\nand the difference in per cent of the reference."));

	for (size_t from = 0; from < n; from += per_page) {
		size_t to = from + per_page < n ? from + per_page : n;
		char **head = xcalloc(n, sizeof *head);
		bool in_results = false;

		for (size_t k = from; k < to; k++)
			head[k] = k == 0 ? xasprintf(_("%zu (ref.)"), k + 1)
					 : xasprintf("%zu", k + 1);
		if (n > per_page)
			fprintf(f, "\n%s\n",
				(t = xasprintf(_("Files %zu to %zu of %zu"), from + 1,
					       to, n)));
		else
			t = NULL;
		free(t);
		fputc('\n', f);
		text_line(f, _("Inputs that differ"), lw, head, from, to, cw);
		for (size_t i = 0; i < c->nrows; i++) {
			const soem_cmp_row *r = &c->rows[i];

			if (r->result && !in_results) {
				in_results = true;
				if (i == 0)
					fprintf(f, "%s\n", _("(none: the inputs are the same)"));
				fputc('\n', f);
				text_line(f, _("Results"), lw, head, from, to, cw);
			}
			text_line(f, lab[i], lw, val[i], from, to, cw);
			if (r->differs && r->fmt != SOEM_CMPF_TEXT) {
				text_line(f, _("  difference"), lw, dif[i], from,
					  to, cw);
				if (r->fmt != SOEM_CMPF_YEAR)
					text_line(f, _("  difference %"), lw,
						  pct[i], from, to, cw);
			}
		}
		for (size_t k = 0; k < n; k++)
			free(head[k]);
		free(head);
	}
	for (size_t i = 0; i < c->nrows; i++) {
		for (size_t k = 0; k < n; k++) {
			free(val[i][k]);
			free(dif[i][k]);
			free(pct[i][k]);
		}
		free(val[i]);
		free(dif[i]);
		free(pct[i]);
		free(lab[i]);
	}
	free(val);
	free(dif);
	free(pct);
	free(lab);
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

/* ------------------------------------------------------------------ */
/* CSV: every file in one table */

static char csv_sep_of(const soem_cmp_report *rp)
{
	if (rp->csv_sep)
		return rp->csv_sep;
	return rp->conv == SOEM_NUM_EN ? ',' : ';';
}

static void csv_num(FILE *f, const soem_cmp_report *rp, double v, int dec)
{
	char b[64];

	if (!isfinite(v))
		return;
	if (dec < 0)
		soem_num_exact(v, b, sizeof b);
	else
		snprintf(b, sizeof b, "%.*f", dec, v);
	if (strspn(b, "-0.") == strlen(b))
		snprintf(b, sizeof b, "%s", "0");
	if (rp->conv != SOEM_NUM_EN)
		for (char *p = b; *p; p++)
			if (*p == '.')
				*p = ',';
	fputs(b, f);
}

static void csv_value(FILE *f, const soem_cmp_report *rp,
		      const soem_cmp_row *r, const soem_cmp_cell *c, char sep)
{
	char b[SOEM_NUM_BUFSIZE];

	if (!c->present)
		return;
	if (r->fmt == SOEM_CMPF_TEXT) {
		soem_csv_write(f, machine_text(r) ? word(c->text) : c->text, sep);
		return;
	}
	if (r->fmt == SOEM_CMPF_YEAR) {
		if (c->be > 0)
			fprintf(f, "%d", c->be);
		else
			soem_csv_write(f, value_text(rp, r, c, b, sizeof b), sep);
		return;
	}
	csv_num(f, rp, c->v, r->fmt == SOEM_CMPF_MONEY ? 2 : -1);
}

static int soem_cmp_csv(const soem_cmp_report *rp, char **buf, size_t *len,
			soem_err *err)
{
	const soem_compare *c = rp->cmp;
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	char sep = csv_sep_of(rp);

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	if (rp->conv != SOEM_NUM_EN)
		fputs("\xEF\xBB\xBF", f);
	soem_csv_write(f, _("Key"), sep);
	fputc(sep, f);
	soem_csv_write(f, _("Row"), sep);
	for (size_t k = 0; k < c->nfiles; k++) {
		char *h;

		fputc(sep, f);
		soem_csv_write(f, c->files[k].label, sep);
		h = xasprintf(_("%s: difference"), c->files[k].label);
		fputc(sep, f);
		soem_csv_write(f, h, sep);
		free(h);
		h = xasprintf(_("%s: difference %%"), c->files[k].label);
		fputc(sep, f);
		soem_csv_write(f, h, sep);
		free(h);
	}
	fputs("\r\n", f);
	/* the interventions, then every row */
	soem_csv_write(f, "intervention", sep);
	fputc(sep, f);
	soem_csv_write(f, _("Intervention"), sep);
	for (size_t k = 0; k < c->nfiles; k++) {
		fputc(sep, f);
		soem_csv_write(f, intervention_of(&c->files[k]), sep);
		fputc(sep, f);
		fputc(sep, f);
	}
	fputs("\r\n", f);
	for (size_t i = 0; i < c->nrows; i++) {
		const soem_cmp_row *r = &c->rows[i];
		char *l = label_of(rp, r);
		char *key = r->payer != SOEM_NPOS && r->result
				    ? xasprintf("%s%s%.0d.%s", r->key,
						r->year ? "." : "", r->year,
						r->payer < c->npayers
							? c->kb->payers[r->payer].id
							: "total")
				    : xstrdup(r->key);

		soem_csv_write(f, key, sep);
		fputc(sep, f);
		soem_csv_write(f, l, sep);
		for (size_t k = 0; k < c->nfiles; k++) {
			const soem_cmp_cell *x = &r->cell[k];

			fputc(sep, f);
			csv_value(f, rp, r, x, sep);
			fputc(sep, f);
			csv_num(f, rp, x->diff, r->fmt == SOEM_CMPF_MONEY ? 2 : -1);
			fputc(sep, f);
			csv_num(f, rp, x->pct, 2);
		}
		fputs("\r\n", f);
		free(l);
		free(key);
	}
	for (size_t k = 0; k < rp->nleft; k++) {
		char *r = left_text(&rp->left[k]);

		soem_csv_write(f, "left_out", sep);
		fputc(sep, f);
		soem_csv_write(f, rp->left[k].file, sep);
		fputc(sep, f);
		soem_csv_write(f, r, sep);
		fputs("\r\n", f);
		free(r);
	}
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

/* ------------------------------------------------------------------ */
/* YAML: the machine form (documented in soem(1)) */

static void yvalue(yemit *o, const soem_cmp_row *r, const soem_cmp_cell *c)
{
	if (!c->present)
		yemit_null(o);
	else if (r->fmt == SOEM_CMPF_TEXT)
		yemit_str(o, c->text);
	else if (r->fmt == SOEM_CMPF_YEAR) {
		if (c->be == SOEM_BE_NULL)
			yemit_null(o);
		else if (c->be == SOEM_BE_NONE)
			yemit_word(o, "none");
		else
			yemit_long(o, c->be);
	} else
		rpt_yaml_num(o, c->v);
}

static int soem_cmp_yaml(const soem_cmp_report *rp, char **buf, size_t *len,
			 soem_err *err)
{
	const soem_compare *c = rp->cmp;
	const soem_kb *kb = c->kb;
	yemit o;
	int rc = yemit_begin(&o, 100, err);

	if (rc)
		return rc;
	yemit_map_start(&o, false);
	yemit_str(&o, "soem_compare");
	yemit_long(&o, 1);
	yemit_str(&o, "profile");
	yemit_str(&o, kb->id);
	yemit_str(&o, "currency");
	yemit_str(&o, kb->currency ? kb->currency : "");
	yemit_str(&o, "price_year");
	yemit_long(&o, kb->price_year);
	yemit_str(&o, "payers");
	yemit_seq_start(&o, true);
	for (size_t p = 0; p < c->npayers; p++)
		yemit_str(&o, kb->payers[p].id);
	yemit_seq_end(&o);

	yemit_str(&o, "files");
	yemit_seq_start(&o, false);
	for (size_t k = 0; k < c->nfiles; k++) {
		yemit_map_start(&o, false);
		yemit_str(&o, "file");
		yemit_str(&o, c->files[k].label);
		yemit_str(&o, "intervention");
		if (c->files[k].calc->intervention.name)
			yemit_str(&o, c->files[k].calc->intervention.name);
		else
			yemit_null(&o);
		if (k == 0) {
			yemit_str(&o, "reference");
			yemit_bool(&o, true);
		}
		yemit_map_end(&o);
	}
	yemit_seq_end(&o);

	yemit_str(&o, "left_out");
	yemit_seq_start(&o, false);
	for (size_t k = 0; k < rp->nleft; k++) {
		char *r = left_text(&rp->left[k]);

		yemit_map_start(&o, false);
		yemit_str(&o, "file");
		yemit_str(&o, rp->left[k].file);
		yemit_str(&o, "reason");
		yemit_str(&o, r);
		yemit_str(&o, "exit");
		yemit_long(&o, rp->left[k].code);
		if (rp->left[k].same_as) {
			yemit_str(&o, "same_as");
			yemit_str(&o, rp->left[k].same_as);
		}
		yemit_map_end(&o);
		free(r);
	}
	yemit_seq_end(&o);

	for (int part = 0; part < 2; part++) {
		yemit_str(&o, part ? "results" : "inputs");
		yemit_seq_start(&o, false);
		for (size_t i = 0; i < c->nrows; i++) {
			const soem_cmp_row *r = &c->rows[i];

			if (r->result != (part == 1))
				continue;
			yemit_map_start(&o, false);
			yemit_str(&o, "key");
			yemit_str(&o, r->key);
			if (r->payer != SOEM_NPOS) {
				yemit_str(&o, "payer");
				yemit_str(&o, r->payer < c->npayers
						      ? kb->payers[r->payer].id
						      : "total");
			}
			if (r->result && r->year) {
				yemit_str(&o, "year");
				yemit_long(&o, r->year);
			}
			yemit_str(&o, "values");
			yemit_seq_start(&o, true);
			for (size_t k = 0; k < c->nfiles; k++)
				yvalue(&o, r, &r->cell[k]);
			yemit_seq_end(&o);
			if (r->fmt != SOEM_CMPF_TEXT) {
				yemit_str(&o, "difference");
				yemit_seq_start(&o, true);
				for (size_t k = 0; k < c->nfiles; k++)
					rpt_yaml_num(&o, r->cell[k].diff);
				yemit_seq_end(&o);
			}
			if (r->fmt != SOEM_CMPF_TEXT && r->fmt != SOEM_CMPF_YEAR) {
				yemit_str(&o, "percent");
				yemit_seq_start(&o, true);
				for (size_t k = 0; k < c->nfiles; k++)
					rpt_yaml_num(&o, r->cell[k].pct);
				yemit_seq_end(&o);
			}
			yemit_map_end(&o);
		}
		yemit_seq_end(&o);
	}
	yemit_map_end(&o);
	return yemit_finish(&o, buf, len, _("could not write the YAML result"),
			    err);
}

/* ------------------------------------------------------------------ */
/* Markdown and HTML: one table, the difference in the same cell */

static char *both_text(const soem_cmp_report *rp, const soem_cmp_row *r,
		       size_t k)
{
	char v[SOEM_NUM_BUFSIZE], d[SOEM_NUM_BUFSIZE], p[SOEM_NUM_BUFSIZE];

	value_text(rp, r, &r->cell[k], v, sizeof v);
	if (k == 0 || !r->differs || r->fmt == SOEM_CMPF_TEXT)
		return xstrdup(v);
	diff_text(rp, r, &r->cell[k], d, sizeof d);
	pct_text(rp, r, &r->cell[k], p, sizeof p);
	if (r->fmt == SOEM_CMPF_YEAR)
		return xasprintf("%s (%s)", v, d);
	return xasprintf("%s (%s; %s)", v, d, p);
}

static int soem_cmp_markdown(const soem_cmp_report *rp, char **buf,
			     size_t *len, soem_err *err)
{
	const soem_compare *c = rp->cmp;
	char *mem = NULL, *t;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	t = title_of(rp);
	fputs("# ", f);
	md_esc(f, t);
	free(t);
	fputs("\n\n", f);
	md_esc(f, price_level_note());
	fputs(" ", f);
	md_esc(f, _("Beside each value: the difference to the reference (the first file) and the difference in per cent of it."));
	fputs("\n\n## ", f);
	md_esc(f, _("Files"));
	fputs("\n\n", f);
	for (size_t k = 0; k < c->nfiles; k++) {
		fprintf(f, "%zu. ", k + 1);
		md_esc(f, c->files[k].label);
		fputs(": ", f);
		md_esc(f, intervention_of(&c->files[k]));
		if (k == 0) {
			fputs(" ", f);
			md_esc(f, _("(the reference)"));
		}
		fputc('\n', f);
	}
	if (rp->nleft) {
		fputs("\n## ", f);
		md_esc(f, _("Left out"));
		fputs("\n\n", f);
		for (size_t k = 0; k < rp->nleft; k++) {
			char *r = left_text(&rp->left[k]);

			fputs("- ", f);
			md_esc(f, rp->left[k].file);
			fputs(": ", f);
			md_esc(f, r);
			fputc('\n', f);
			free(r);
		}
	}
	for (int part = 0; part < 2; part++) {
		bool any = false;

		fputs("\n## ", f);
		md_esc(f, part ? _("Results") : _("Inputs that differ"));
		fputs("\n\n", f);
		for (size_t i = 0; i < c->nrows; i++)
			any |= c->rows[i].result == (part == 1);
		if (!any) {
			md_esc(f, _("(none: the inputs are the same)"));
			fputc('\n', f);
			continue;
		}
		fputs("| ", f);
		for (size_t k = 0; k < c->nfiles; k++) {
			fputs(" | ", f);
			md_esc(f, c->files[k].label);
		}
		fputs(" |\n|---", f);
		for (size_t k = 0; k < c->nfiles; k++)
			fputs("|---:", f);
		fputs("|\n", f);
		for (size_t i = 0; i < c->nrows; i++) {
			const soem_cmp_row *r = &c->rows[i];

			if (r->result != (part == 1))
				continue;
			t = label_of(rp, r);
			fputs("| ", f);
			md_esc(f, t);
			free(t);
			for (size_t k = 0; k < c->nfiles; k++) {
				t = both_text(rp, r, k);
				fputs(" | ", f);
				md_esc(f, t);
				free(t);
			}
			fputs(" |\n", f);
		}
	}
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

static const char css[] =
	"body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"\"Helvetica Neue\",Arial,sans-serif;line-height:1.45;color:#1a1a1a;"
	"background:#fff;margin:0}\n"
	"main{max-width:72rem;margin:0 auto;padding:1.5rem}\n"
	"h1{font-size:1.6rem;margin:.2rem 0 .8rem}\n"
	"h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #ccc;"
	"padding-bottom:.2rem}\n"
	"p.meta{color:#555;font-size:.9rem}\n"
	".table-wrap{overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}\n"
	"th,td{padding:.25rem .6rem;border-bottom:1px solid #e3e3e3;"
	"vertical-align:top;text-align:left}\n"
	"thead th{background:#f3f3f3}\n"
	"tbody th{font-weight:normal}\n"
	"td.r{text-align:right;white-space:nowrap;"
	"font-variant-numeric:tabular-nums}\n"
	"td .d{display:block;color:#555;font-size:.8rem}\n"
	"svg.chart{width:100%;height:auto;max-width:60rem;"
	"font-family:inherit;font-size:12px}\n"
	".legend{list-style:none;padding:0;margin:.4rem 0;display:flex;"
	"flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.9rem}\n"
	".swatch{display:inline-block;width:.9rem;height:.9rem;"
	"margin-right:.35rem;vertical-align:-.1rem}\n"
	".grid{stroke:#e4e4e4;stroke-width:1}\n"
	".zero{stroke:#444;stroke-width:1}\n"
	".ylab{text-anchor:end;fill:#333}\n"
	".xlab{text-anchor:middle;fill:#333}\n"
	RPT_CSS_PAYERS;


static double nice_step(double span, int n)
{
	double raw = span / n;
	double mag = pow(10, floor(log10(raw)));
	double fr = raw / mag;

	return (fr <= 1 ? 1 : fr <= 2 ? 2 : fr <= 5 ? 5 : 10) * mag;
}

/* A grouped bar chart: one group per file, one bar per payer: PV net.
 * <rect class="bar payer-N" data-file="K" data-payer="ID">. */
static void html_chart(const soem_cmp_report *rp, FILE *f)
{
	const soem_compare *c = rp->cmp;
	const char *cur = c->kb->currency ? c->kb->currency : "";
	size_t P = c->npayers, n = c->nfiles;
	double lo = 0, hi = 0, step, left, plot_w, plot_h, slot, bw;
	const double W = 800, H = 360, top = 24, bottom = 36, right = 16;
	size_t maxlab = 1;
	char b[SOEM_NUM_BUFSIZE];
	size_t every;

	for (size_t k = 0; k < n; k++)
		for (size_t p = 0; p < P; p++) {
			double v = c->files[k].res->pv_net[p];
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	step = nice_step(hi - lo, 5);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	for (double v = lo; v <= hi + step / 2; v += step) {
		size_t l = strlen(soem_num_format(v, 0, rp->conv, b, sizeof b));
		maxlab = l > maxlab ? l : maxlab;
	}
	left = 14 + 7.0 * (double)maxlab;
	plot_w = W - left - right;
	plot_h = H - top - bottom;
	slot = plot_w / (double)n;
	bw = slot * 0.8 / (double)(P ? P : 1);
#define CY(v) (top + (hi - (v)) / (hi - lo) * plot_h)

	fputs("<section>\n<h2>", f);
	html_esc(f, _("Chart: PV of net per payer, per file"));
	fputs("</h2>\n<figure>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	      "viewBox=\"0 0 800 360\" role=\"img\" aria-labelledby=\"chart-title\">\n"
	      "<title id=\"chart-title\">",
	      f);
	html_esc(f, _("PV of net per payer, per file"));
	fputs("</title>\n", f);
	fprintf(f, "<text class=\"ylab\" x=\"%.1f\" y=\"%.1f\">", left - 6,
		top - 10);
	html_esc(f, cur);
	fputs("</text>\n", f);
	for (double v = lo; v <= hi + step / 2; v += step) {
		double vv = fabs(v) < step / 1e6 ? 0 : v;
		double y = CY(vv);

		fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			left, y, left + plot_w, y);
		fprintf(f, "<text class=\"ylab\" x=\"%.1f\" y=\"%.1f\">%s</text>\n",
			left - 6, y + 4,
			soem_num_format(vv, 0, rp->conv, b, sizeof b));
	}
	for (size_t k = 0; k < n; k++)
		for (size_t p = 0; p < P; p++) {
			double v = c->files[k].res->pv_net[p];
			double y0 = CY(0), y1 = CY(v);
			double x = left + (double)k * slot + slot * 0.1 +
				   (double)p * bw;

			fprintf(f, "<rect class=\"bar payer-%zu\" data-file=\"%zu\" data-payer=\"",
				p % RPT_NCOLOURS, k + 1);
			html_esc(f, c->kb->payers[p].id);
			fprintf(f, "\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>",
				x, fmin(y0, y1), bw, fabs(y1 - y0));
			fprintf(f, "%zu. ", k + 1);
			html_esc(f, c->files[k].label);
			fputs(", ", f);
			html_esc(f, payer_name(rp, p));
			fprintf(f, ": %s ", soem_num_format(v, 0, rp->conv, b, sizeof b));
			html_esc(f, cur);
			fputs("</title></rect>\n", f);
		}
	fprintf(f, "<line class=\"zero\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
		left, CY(0), left + plot_w, CY(0));
	every = (n + 24) / 25;
	for (size_t k = 0; k < n; k++)
		if (k % every == 0 || k + 1 == n)
			fprintf(f, "<text class=\"xlab\" x=\"%.1f\" y=\"%.1f\">%zu</text>\n",
				left + ((double)k + 0.5) * slot, H - bottom + 16,
				k + 1);
	fprintf(f, "<text class=\"xlab\" x=\"%.1f\" y=\"%.1f\">", left + plot_w / 2,
		H - 4);
	html_esc(f, _("File (number in the list of files)"));
	fputs("</text>\n</svg>\n<figcaption><ul class=\"legend\">\n", f);
	for (size_t p = 0; p < P; p++) {
		fprintf(f, "<li><span class=\"swatch payer-%zu\"></span>",
			p % RPT_NCOLOURS);
		html_esc(f, payer_name(rp, p));
		fputs("</li>\n", f);
	}
	fputs("</ul></figcaption>\n</figure>\n</section>\n", f);
#undef CY
}

static int soem_cmp_html(const soem_cmp_report *rp, char **buf, size_t *len,
			 soem_err *err)
{
	const soem_compare *c = rp->cmp;
	char *mem = NULL, *t;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);
	char b[SOEM_NUM_BUFSIZE];

	if (!f)
		return soem_err_set(err, SOEM_EX_IOERR, _("out of memory"));
	t = title_of(rp);
	fputs("<!DOCTYPE html>\n<html lang=\"", f);
	html_esc(f, lang_of(rp));
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"soem\">\n"
	      "<link rel=\"icon\" href=\"data:,\">\n<title>",
	      f);
	html_esc(f, t);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>",
		css);
	html_esc(f, t);
	free(t);
	fputs("</h1>\n<p class=\"meta\">", f);
	html_esc(f, price_level_note());
	fputs(" ", f);
	html_esc(f, _("Beside each value: the difference to the reference (the first file) and the difference in per cent of it."));
	fputs("</p>\n<section>\n<h2>", f);
	html_esc(f, _("Files"));
	fputs("</h2>\n<ol class=\"files\">\n", f);
	for (size_t k = 0; k < c->nfiles; k++) {
		fputs("<li><span class=\"file\">", f);
		html_esc(f, c->files[k].label);
		fputs("</span>: ", f);
		html_esc(f, intervention_of(&c->files[k]));
		if (k == 0) {
			fputs(" ", f);
			html_esc(f, _("(the reference)"));
		}
		fputs("</li>\n", f);
	}
	fputs("</ol>\n</section>\n", f);
	if (rp->nleft) {
		fputs("<section>\n<h2>", f);
		html_esc(f, _("Left out"));
		fputs("</h2>\n<ul class=\"left-out\">\n", f);
		for (size_t k = 0; k < rp->nleft; k++) {
			char *r = left_text(&rp->left[k]);

			fputs("<li><span class=\"file\">", f);
			html_esc(f, rp->left[k].file);
			fputs("</span>: ", f);
			html_esc(f, r);
			fputs("</li>\n", f);
			free(r);
		}
		fputs("</ul>\n</section>\n", f);
	}
	html_chart(rp, f);
	for (int part = 0; part < 2; part++) {
		bool any = false;

		fputs("<section>\n<h2>", f);
		html_esc(f, part ? _("Results") : _("Inputs that differ"));
		fputs("</h2>\n", f);
		for (size_t i = 0; i < c->nrows; i++)
			any |= c->rows[i].result == (part == 1);
		if (!any) {
			fputs("<p>", f);
			html_esc(f, _("(none: the inputs are the same)"));
			fputs("</p>\n</section>\n", f);
			continue;
		}
		fputs("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\"></th>", f);
		for (size_t k = 0; k < c->nfiles; k++) {
			fprintf(f, "<th scope=\"col\" title=\"%zu\">", k + 1);
			html_esc(f, c->files[k].label);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t i = 0; i < c->nrows; i++) {
			const soem_cmp_row *r = &c->rows[i];

			if (r->result != (part == 1))
				continue;
			t = label_of(rp, r);
			fputs("<tr><th scope=\"row\">", f);
			html_esc(f, t);
			fputs("</th>", f);
			free(t);
			for (size_t k = 0; k < c->nfiles; k++) {
				const soem_cmp_cell *x = &r->cell[k];

				fputs(r->fmt == SOEM_CMPF_TEXT ? "<td>"
							       : "<td class=\"r\">",
				      f);
				html_esc(f, value_text(rp, r, x, b, sizeof b));
				if (k > 0 && r->differs &&
				    r->fmt != SOEM_CMPF_TEXT) {
					fputs("<span class=\"d\">", f);
					html_esc(f, diff_text(rp, r, x, b, sizeof b));
					if (r->fmt != SOEM_CMPF_YEAR) {
						fputs("; ", f);
						html_esc(f, pct_text(rp, r, x, b,
								     sizeof b));
					}
					fputs("</span>", f);
				}
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n</section>\n", f);
	}
	fputs("</main>\n</body>\n</html>\n", f);
	return rpt_finish(f, &mem, &memlen, buf, len, err);
}

int soem_compare_write(const soem_cmp_report *rp, soem_format fmt,
		       char **buf, size_t *len, soem_err *err)
{
	*buf = NULL;
	*len = 0;
	switch (fmt) {
	case SOEM_FMT_TEXT: return soem_cmp_text(rp, buf, len, err);
	case SOEM_FMT_CSV: return soem_cmp_csv(rp, buf, len, err);
	case SOEM_FMT_YAML: return soem_cmp_yaml(rp, buf, len, err);
	case SOEM_FMT_MARKDOWN: return soem_cmp_markdown(rp, buf, len, err);
	case SOEM_FMT_HTML: return soem_cmp_html(rp, buf, len, err);
	}
	return soem_err_set(err, SOEM_EX_USAGE, _("unknown report format"));
}
