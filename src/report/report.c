/* report.c - dispatch and helpers shared by the writers; see report.h */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/report.h"
#include "util/idindex.h"
#include "util/xalloc.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "util/i18n.h"

bool soem_format_parse(const char *name, soem_format *out)
{
	static const char *const names[] = { "text", "csv", "yaml",
					     "markdown", "html", NULL };
	for (int i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (soem_format)i;
			return true;
		}
	if (strcmp(name, "md") == 0) {
		*out = SOEM_FMT_MARKDOWN;
		return true;
	}
	return false;
}

void soem_fmt_exact(double v, char *buf, size_t size)
{
	if (v == 0.0) {
		snprintf(buf, size, "0.0");
		return;
	}
	soem_num_exact(v, buf, size);
	/* Keep it a float in YAML's eyes: 3000 -> 3000.0 */
	if (!strpbrk(buf, ".eEn")) {
		size_t l = strlen(buf);
		if (l + 2 < size)
			memcpy(buf + l, ".0", 3);
	}
}

const char *soem_report_service_id(const soem_report *rp, size_t i)
{
	size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
	if (k < rp->calc->ncons && rp->calc->cons[k].service)
		return rp->calc->cons[k].service;
	return "";
}

void soem_report_svc_totals(const soem_report *rp, soem_svc_totals *t)
{
	const soem_result *r = rp->res;
	size_t P = r->npayers, n = r->nservices, ncons = rp->calc->ncons;
	size_t *slot_of_row = xcalloc(ncons ? ncons : 1, sizeof *slot_of_row);
	soem_idindex ix;

	memset(t, 0, sizeof *t);
	t->first = xcalloc(n ? n : 1, sizeof *t->first);
	t->slot = xcalloc(n ? n : 1, sizeof *t->slot);
	t->taxed = xcalloc(n ? n : 1, sizeof *t->taxed);
	t->effects = xcalloc((n ? n : 1) * (P + 1), sizeof *t->effects);
	t->gross = xcalloc((n ? n : 1) * (P + 1), sizeof *t->gross);
	t->tax = xcalloc((n ? n : 1) * (P + 1), sizeof *t->tax);
	/* the rows by service id: the same id in another group is the same
	 * entry (ids are unique without groups); a hash, not a scan, for
	 * issue 18's 100 000 rows */
	soem_idindex_init(&ix, rp->calc->cons, ncons, sizeof *rp->calc->cons,
			  offsetof(soem_consequence, service));
	for (size_t i = 0; i < n; i++) {
		size_t k = rp->svc_cons ? rp->svc_cons[i] : i;
		size_t at = SOEM_IDX_NONE, e;

		if (k < ncons && r->ngroups)
			at = soem_idindex_add(&ix, k);
		if (at == SOEM_IDX_NONE) {
			e = t->n++;
			t->first[e] = i;
			if (k < ncons)
				slot_of_row[k] = e;
		} else {
			e = slot_of_row[at];
		}
		t->slot[i] = e;
		for (size_t p = 0; p <= P; p++) {
			t->effects[e * (P + 1) + p] +=
				r->by_service[i * (P + 1) + p];
			if (r->by_service_gross)
				t->gross[e * (P + 1) + p] +=
					r->by_service_gross[i * (P + 1) + p];
			if (r->by_service_tax)
				t->tax[e * (P + 1) + p] +=
					r->by_service_tax[i * (P + 1) + p];
		}
		if (r->svc_taxed && r->svc_taxed[i])
			t->taxed[e] = true;
	}
	soem_idindex_free(&ix);
	free(slot_of_row);
}

void soem_report_svc_totals_free(soem_svc_totals *t)
{
	free(t->first);
	free(t->slot);
	free(t->taxed);
	free(t->effects);
	free(t->gross);
	free(t->tax);
	memset(t, 0, sizeof *t);
}

/* True when c is a grouped calculation as the reports see it (SPEC
 * §2.9): its cons are the rows of all its groups (soem_report_view_of). */
static bool is_view(const soem_calc *c)
{
	size_t rows = 0;

	for (size_t g = 0; g < c->ngroups; g++)
		rows += c->groups[g].sub ? c->groups[g].sub->ncons : 0;
	return c->ncons == rows && (rows == 0 || c->cons);
}

/* The writers index rp->calc->cons through svc_cons and the group names
 * by the result's groups: a result that does not fit its calculation is
 * refused rather than read past the end of either. */
static bool fits(const soem_report *rp)
{
	const soem_calc *c = rp->calc;
	const soem_result *r = rp->res;

	if (!c || !rp->kb || !r || r->npayers != rp->kb->npayers)
		return false;
	if (c->ngroups && r->ngroups > c->ngroups)
		return false;
	if (!rp->svc_cons)
		return r->nservices <= c->ncons;
	for (size_t i = 0; i < r->nservices; i++)
		if (rp->svc_cons[i] >= c->ncons)
			return false;
	return true;
}

int soem_report_write(const soem_report *rp, soem_format fmt, char **buf,
		      size_t *len, soem_err *err)
{
	soem_report v = *rp;
	soem_report_view view;
	int rc;

	/* a grouped calculation handed over as loaded: the writers get the
	 * view soem_report_run gives them (its rows and group names) */
	memset(&view, 0, sizeof view);
	if (v.calc && v.calc->ngroups && (!v.group_names || !is_view(v.calc)))
		soem_report_view_of(&v, &view);
	if (!fits(&v)) {
		if (buf)
			*buf = NULL;
		if (len)
			*len = 0;
		rc = soem_err_set(err, SOEM_EX_CALC,
				  _("the result does not fit the calculation: the report cannot be written"));
		goto out;
	}
	switch (fmt) {
	case SOEM_FMT_YAML:
		rc = soem_report_yaml(&v, buf, len, err);
		break;
	case SOEM_FMT_TEXT:
		rc = soem_report_text(&v, buf, len, err);
		break;
	case SOEM_FMT_CSV:
		rc = soem_report_csv(&v, buf, len, err);
		break;
	case SOEM_FMT_MARKDOWN:
		rc = soem_report_markdown(&v, buf, len, err);
		break;
	case SOEM_FMT_HTML:
		rc = soem_report_html(&v, buf, len, err);
		break;
	default:
		rc = soem_err_set(err, SOEM_EX_USAGE,
				  _("unknown report format"));
		break;
	}
out:
	soem_report_view_free(&view);
	return rc;
}

int soem_report_run(const soem_report *tmpl, soem_format fmt,
		    const char *what, char **buf, size_t *len, soem_err *err)
{
	soem_problem pb;
	soem_result *res = NULL;
	size_t *svc_cons = NULL;
	soem_unc unc;
	bool have_unc = false;
	soem_report rp = *tmpl;
	soem_report_view view;
	int rc;

	memset(&pb, 0, sizeof pb);
	/* SPEC §2.9: with groups, the reports see the rows of all groups */
	soem_report_view_of(&rp, &view);
	rc = soem_problem_build(tmpl->calc, tmpl->kb, &pb, &svc_cons, err);
	if (rc)
		goto out;
	res = soem_compute(&pb);
	if (!res) {
		rc = soem_err_set(err, SOEM_EX_CALC,
				  _("%s: the calculation cannot be computed"),
				  what);
		goto out;
	}
	/* Sensitivity, Monte Carlo and the experiment's interval (SPEC
	 * 2.7, 2.8); the CSV is the yearly table only. */
	if (fmt != SOEM_FMT_CSV) {
		rc = soem_unc_run(rp.calc, tmpl->kb, &pb, svc_cons, -1, &unc,
				  err);
		have_unc = true;
		if (rc)
			goto out;
	}
	rp.res = res;
	rp.svc_cons = svc_cons;
	rp.unc = have_unc ? &unc : NULL;
	rc = soem_report_write(&rp, fmt, buf, len, err);
out:
	if (have_unc)
		soem_unc_free(&unc);
	free(svc_cons);
	soem_report_view_free(&view);
	soem_result_free(&res);
	soem_problem_free(&pb);
	return rc;
}

void soem_report_view_of(soem_report *rp, soem_report_view *v)
{
	const soem_calc *c = rp->calc;

	memset(v, 0, sizeof *v);
	if (!c || !c->ngroups)
		return;
	v->flat = *c;
	v->all = soem_calc_all_cons(c, &v->flat.ncons);
	v->flat.cons = v->all;
	rp->calc = &v->flat;
	v->names = xcalloc(c->ngroups, sizeof *v->names);
	for (size_t g = 0; g < c->ngroups; g++)
		v->names[g] = c->groups[g].name;
	rp->group_names = v->names;
}

void soem_report_view_free(soem_report_view *v)
{
	free(v->all);
	free(v->names);
	v->all = NULL;
	v->names = NULL;
}

long long soem_report_date_now(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	if (e && *e) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(e, &end, 10);
		if (!*end && !errno && v > 0)
			return v;
	}
	return (long long)time(NULL);
}

const char *soem_report_date_text(long long date, const char *lang, char *b,
				  size_t n)
{
	/* Month names by language, not by gettext: they are data of the
	 * language's convention like the decimal mark. */
	static const char *const da[12] = {
		"januar", "februar", "marts", "april", "maj", "juni", "juli",
		"august", "september", "oktober", "november", "december"
	};
	static const char *const sv[12] = {
		"januari", "februari", "mars", "april", "maj", "juni", "juli",
		"augusti", "september", "oktober", "november", "december"
	};
	static const char *const en[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	time_t t = (time_t)date;
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		snprintf(b, n, "%s", "?");
		return b;
	}
	if (lang && strcmp(lang, "da") == 0)
		snprintf(b, n, "%d. %s %d", tm.tm_mday, da[tm.tm_mon],
			 tm.tm_year + 1900);
	else if (lang && strcmp(lang, "sv") == 0)
		snprintf(b, n, "%d %s %d", tm.tm_mday, sv[tm.tm_mon],
			 tm.tm_year + 1900);
	else
		snprintf(b, n, "%d %s %d", tm.tm_mday, en[tm.tm_mon],
			 tm.tm_year + 1900);
	return b;
}
