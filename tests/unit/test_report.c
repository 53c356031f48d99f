/* test_report.c - the YAML result (SPEC §4) read back and compared
 * numerically with the engine: in-process, and from the real `soem calc`
 * binary on the bundled example (SOEM_BIN, set by make check). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "report/report.h"
#include "yaml/ynode.h"
#include "model/problem.h"

#ifndef KB_DIR
#define KB_DIR "share/soem/kb"
#endif

typedef struct fixture {
	soem_kbset set;
	soem_calc *calc;
	const soem_kb *kb;
	soem_problem pb;
	size_t *map;
	soem_result *res;
	char example[1024];
} fixture;

static const char *kb_dir(void)
{
	const char *d = getenv("SOEM_KB_DIR");
	return d && *d ? d : KB_DIR;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	soem_err err = { 0 };
	snprintf(f->example, sizeof f->example,
		 "%s/../examples/housing-first.soem.yaml", kb_dir());
	if (soem_kbset_add_dir(&f->set, kb_dir(), NULL, &err) ||
	    soem_calc_load(f->example, &f->set, "dk", &f->calc, &f->kb, NULL,
			   &err) ||
	    soem_problem_build(f->calc, f->kb, &f->pb, &f->map, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	f->res = soem_compute(&f->pb);
	*state = f;
	return f->res ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *f = *state;
	soem_result_free(&f->res);
	soem_problem_free(&f->pb);
	free(f->map);
	soem_calc_free(&f->calc);
	soem_kbset_free(&f->set);
	free(f);
	return 0;
}

static double num_of(const ynode *n)
{
	assert_non_null(n);
	assert_int_equal(n->kind, YNODE_SCALAR);
	char *end;
	double v = strtod(n->str, &end);
	assert_true(*end == '\0');
	return v;
}

static void close_to(double got, double want, double rel)
{
	double tol = rel * fmax(1.0, fabs(want));
	if (fabs(got - want) > tol)
		fail_msg("got %.17g, expected %.17g", got, want);
}

/* Compares a {payer..., total} map with row[0..P]. */
static void payer_map_eq(const ynode *m, const soem_kb *kb, const double *row,
			 double rel)
{
	assert_non_null(m);
	assert_int_equal(m->kind, YNODE_MAP);
	assert_int_equal(m->n, 2 * (kb->npayers + 1));
	for (size_t p = 0; p <= kb->npayers; p++) {
		const char *id = p < kb->npayers ? kb->payers[p].id : "total";
		const ynode *v = ynode_map_get(m, id);
		if (!isfinite(row[p]))
			assert_true(ynode_is_null(v));
		else
			close_to(num_of(v), row[p], rel);
	}
}

/* Every number of the YAML result against the engine's result. */
static void compare_all(const ynode *doc, const fixture *f, double rel)
{
	const soem_result *r = f->res;
	const soem_kb *kb = f->kb;
	size_t P = r->npayers;
	assert_int_equal(doc->kind, YNODE_MAP);
	close_to(num_of(ynode_map_get(doc, "soem_result")), 1, 0);
	close_to(num_of(ynode_map_get(doc, "horizon")), r->horizon, 0);
	close_to(num_of(ynode_map_get(doc, "price_year")), kb->price_year, 0);
	close_to(num_of(ynode_map_get(doc, "success_rate")), r->success_rate,
		 rel);
	const ynode *payers = ynode_map_get(doc, "payers");
	assert_int_equal(payers->n, P);
	for (size_t p = 0; p < P; p++)
		assert_string_equal(payers->v[p]->str, kb->payers[p].id);
	const ynode *years = ynode_map_get(doc, "years");
	assert_int_equal(years->kind, YNODE_SEQ);
	assert_int_equal(years->n, (size_t)r->horizon);
	for (int t = 1; t <= r->horizon; t++) {
		const ynode *y = years->v[t - 1];
		size_t o = (size_t)(t - 1) * (P + 1);
		close_to(num_of(ynode_map_get(y, "year")), t, 0);
		close_to(num_of(ynode_map_get(y, "discount_factor")),
			 r->discount[t - 1], rel);
		payer_map_eq(ynode_map_get(y, "costs"), kb, r->costs + o, rel);
		payer_map_eq(ynode_map_get(y, "effects"), kb, r->effects + o,
			     rel);
		payer_map_eq(ynode_map_get(y, "net"), kb, r->net + o, rel);
		payer_map_eq(ynode_map_get(y, "net_discounted"), kb,
			     r->net_disc + o, rel);
		payer_map_eq(ynode_map_get(y, "cumulative_discounted"), kb,
			     r->cum_disc + o, rel);
	}
	const ynode *tot = ynode_map_get(doc, "totals");
	payer_map_eq(ynode_map_get(tot, "costs"), kb, r->tot_costs, rel);
	payer_map_eq(ynode_map_get(tot, "effects"), kb, r->tot_effects, rel);
	payer_map_eq(ynode_map_get(tot, "net"), kb, r->tot_net, rel);
	payer_map_eq(ynode_map_get(tot, "pv_costs"), kb, r->pv_costs, rel);
	payer_map_eq(ynode_map_get(tot, "pv_effects"), kb, r->pv_effects, rel);
	payer_map_eq(ynode_map_get(tot, "pv_net"), kb, r->pv_net, rel);
	const ynode *be = ynode_map_get(doc, "break_even_year");
	for (size_t p = 0; p <= P; p++) {
		const ynode *v = ynode_map_get(be, p < P ? kb->payers[p].id
							 : "total");
		assert_non_null(v);
		if (r->break_even[p] == SOEM_BE_NULL)
			assert_true(ynode_is_null(v));
		else if (r->break_even[p] == SOEM_BE_NONE)
			assert_string_equal(v->str, "none");
		else
			close_to(num_of(v), r->break_even[p], 0);
	}
	payer_map_eq(ynode_map_get(doc, "return_per_krone"), kb,
		     r->return_per_krone, rel);
	const ynode *bes = ynode_map_get(doc, "break_even_success_rate");
	if (isfinite(r->break_even_s))
		close_to(num_of(bes), r->break_even_s, rel);
	else
		assert_true(ynode_is_null(bes));
	payer_map_eq(ynode_map_get(doc, "per_participant"), kb,
		     r->per_participant, rel);
	if (r->successes > 0)
		payer_map_eq(ynode_map_get(doc, "per_success"), kb,
			     r->per_success, rel);
	else
		assert_true(ynode_is_null(ynode_map_get(doc, "per_success")));
	const ynode *bs = ynode_map_get(doc, "by_service");
	assert_int_equal(bs->n, r->nservices);
	for (size_t i = 0; i < r->nservices; i++) {
		assert_string_equal(
			ynode_map_get(bs->v[i], "service")->str,
			f->calc->cons[f->map[i]].service);
		payer_map_eq(ynode_map_get(bs->v[i], "effects"), kb,
			     r->by_service + i * (P + 1), rel);
	}
	/* by_area in the profile's order, and it adds up to the effects */
	const ynode *ba = ynode_map_get(doc, "by_area");
	assert_true(ba->n >= 1);
	double sum = 0;
	size_t last = 0;
	for (size_t i = 0; i < ba->n; i++) {
		size_t a = soem_kb_area_index(
			kb, ynode_map_get(ba->v[i], "area")->str);
		assert_true(a != SOEM_NPOS);
		assert_true(i == 0 || a > last);
		last = a;
		payer_map_eq(ynode_map_get(ba->v[i], "effects"), kb,
			     r->by_area + a * (P + 1), rel);
		sum += r->by_area[a * (P + 1) + P];
	}
	close_to(sum, r->tot_effects[P], 1e-9);
}

static void test_yaml_in_process(void **state)
{
	fixture *f = *state;
	soem_report rp = { .calc = f->calc, .kb = f->kb, .res = f->res,
			   .svc_cons = f->map, .lang = "en",
			   .conv = SOEM_NUM_EN };
	char *buf;
	size_t len;
	soem_err err = { 0 };
	assert_int_equal(soem_report_yaml(&rp, &buf, &len, &err), 0);
	ynode *doc = NULL;
	if (ynode_parse(buf, len, "result.yaml", &doc, &err))
		fail_msg("%s", err.msg);
	/* shortest round-trip numbers: exactly equal */
	compare_all(doc, f, 0);
	ynode_free(&doc);
	free(buf);
}

/* Runs `$SOEM_BIN calc EXAMPLE --kb KB_DIR --format yaml` and returns its
 * standard output. */
static char *run_soem(const fixture *f, size_t *len)
{
	const char *bin = getenv("SOEM_BIN");
	if (!bin || !*bin)
		fail_msg("SOEM_BIN is not set: run this test through make check");
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(bin, bin, "calc", f->example, "--kb", kb_dir(),
		      "--format", "yaml", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	ssize_t r;
	while ((r = read(fds[0], buf + n, cap - n - 1)) > 0) {
		n += (size_t)r;
		if (n + 1 >= cap)
			buf = realloc(buf, cap *= 2);
	}
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void test_yaml_from_soem_calc(void **state)
{
	fixture *f = *state;
	size_t len;
	char *buf = run_soem(f, &len);
	ynode *doc = NULL;
	soem_err err = { 0 };
	if (ynode_parse(buf, len, "soem calc output", &doc, &err))
		fail_msg("%s", err.msg);
	compare_all(doc, f, 1e-12);
	ynode_free(&doc);
	free(buf);
}

static void test_example_is_meaningful(void **state)
{
	fixture *f = *state;
	/* the example exercises costs, effects, discounting and services */
	size_t P = f->res->npayers;
	assert_true(f->res->tot_costs[P] > 0);
	assert_true(f->res->tot_effects[P] != 0);
	assert_true(f->res->nservices >= 4);
	assert_true(f->res->discount[1] < 1.0);
}

static void test_csv_shape(void **state)
{
	fixture *f = *state;
	soem_report rp = { .calc = f->calc, .kb = f->kb, .res = f->res,
			   .svc_cons = f->map, .lang = "da",
			   .conv = SOEM_NUM_DA };
	char *buf;
	size_t len;
	soem_err err = { 0 };
	assert_int_equal(soem_report_csv(&rp, &buf, &len, &err), 0);
	assert_memory_equal(buf, "\xEF\xBB\xBF", 3);
	size_t lines = 0, seps_first = 0, seps = 0;
	/* the yearly table ends at an empty line; the figures follow */
	const char *fig = strstr(buf, "\r\n\r\n");
	assert_non_null(fig);
	size_t ylen = (size_t)(fig - buf) + 2;
	for (size_t i = 0; i < ylen; i++) {
		if (buf[i] == ';')
			seps++;
		if (buf[i] == '\n') {
			if (lines == 0)
				seps_first = seps;
			else
				assert_int_equal(seps, seps_first);
			seps = 0;
			lines++;
		}
	}
	assert_int_equal(lines, (size_t)f->res->horizon + 1);
	/* the figures: a label, then each payer and the total */
	seps = 0;
	for (size_t i = ylen + 2; i < len; i++) {
		if (buf[i] == ';')
			seps++;
		if (buf[i] == '\n') {
			assert_int_equal(seps, f->res->npayers + 1);
			seps = 0;
		}
	}
	/* year, factor, 5 tables x (P + 1) columns */
	assert_int_equal(seps_first, 1 + 5 * (f->res->npayers + 1));
	free(buf);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The HTML report (SPEC §5.7): text from the file is escaped, the page
 * has the language, one bar per year and payer and one line, and it
 * loads nothing. */
static void test_html(void **state)
{
	fixture *f = *state;
	char *old = f->calc->intervention.name;
	char *buf;
	size_t len;
	soem_err err = { 0 };

	f->calc->intervention.name =
		strdup("<script>alert(\"x\")</script> & 'co'\nnext");
	soem_report rp = { .calc = f->calc, .kb = f->kb, .res = f->res,
			   .svc_cons = f->map, .lang = "sv",
			   .conv = SOEM_NUM_SV, .date = 1767225600 };
	assert_int_equal(soem_report_write(&rp, SOEM_FMT_HTML, &buf, &len,
					   &err), 0);
	assert_int_equal(strlen(buf), len);
	assert_non_null(strstr(buf, "<!DOCTYPE html>\n<html lang=\"sv\">"));
	assert_non_null(strstr(buf,
			       "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"));
	assert_null(strstr(buf, "<script"));
	assert_null(strstr(buf, " src="));
	assert_int_equal(count(buf, "<rect class=\"bar "),
			 (size_t)f->res->horizon * f->res->npayers);
	assert_int_equal(count(buf, "<polyline class=\"cumulative\""), 1);
	assert_non_null(strstr(buf, "</html>\n"));
	/* Swedish numbers: a space between thousands, a decimal comma (the
	 * total present value of the net, so the shipped database's figures
	 * do not matter) */
	char num[64];
	soem_num_format(f->res->pv_net[f->res->npayers], 0, SOEM_NUM_SV, num,
			sizeof num);
	assert_true(fabs(f->res->pv_net[f->res->npayers]) >= 1e6);
	assert_non_null(strstr(num, "\xc2\xa0") ? num : strchr(num, ' '));
	assert_non_null(strstr(buf, num));
	free(buf);
	free(f->calc->intervention.name);
	f->calc->intervention.name = old;
}

/* Markdown escapes what it would read as syntax, and has the same
 * sections as the HTML (less the chart). */
static void test_markdown_same_content(void **state)
{
	fixture *f = *state;
	char *old = f->calc->intervention.name;
	char *md, *html;
	size_t ml, hl;
	soem_err err = { 0 };

	f->calc->intervention.name = strdup("A | B *c*");
	soem_report rp = { .calc = f->calc, .kb = f->kb, .res = f->res,
			   .svc_cons = f->map, .lang = "en",
			   .conv = SOEM_NUM_EN, .date = 1767225600 };
	assert_int_equal(soem_report_markdown(&rp, &md, &ml, &err), 0);
	assert_int_equal(soem_report_html(&rp, &html, &hl, &err), 0);
	assert_non_null(strstr(md, "# A \\| B \\*c\\*\n"));
	assert_non_null(strstr(md, "*Made with soem on 1 January 2026.*"));
	/* every Markdown section is an HTML section, and one more: the chart */
	assert_int_equal(count(md, "\n## ") + 1, count(html, "<h2>"));
	for (const char *p = strstr(md, "\n## "); p; p = strstr(p + 1, "\n## ")) {
		char h[200];
		const char *e = strchr(p + 4, '\n');
		snprintf(h, sizeof h, "<h2>%.*s</h2>", (int)(e - p - 4), p + 4);
		assert_non_null(strstr(html, h));
	}
	free(md);
	free(html);
	free(f->calc->intervention.name);
	f->calc->intervention.name = old;
}

/* SPEC §2.9 in the text, CSV, Markdown and HTML reports (issue 15): the
 * Housing First example turned into two groups by the problem (files
 * cannot hold groups yet): "Unge" is the example's own group with
 * completion 5/6, "Voksne" 12 more starters in year 2 (success rate 0.2,
 * no consequence rows of their own), and social assistance (service 0)
 * taxed at kommune 0.25, stat 0.12.  Every report must show the group
 * table, the cumulative net at the report years, the break-even
 * participants, cost per participant and per completer, gross and tax of
 * the taxed transfer, and the price level in its headings; Markdown and
 * HTML open with the summary before the inputs. */
static void test_groups_and_figures(void **state)
{
	fixture *f = *state;
	soem_problem pb = f->pb;
	soem_cohort voksne = { 2, 12 };
	soem_pgroup g[2] = {
		{ .course_years = pb.course_years, .completion = 5.0 / 6,
		  .ncohorts = pb.ncohorts, .cohorts = pb.cohorts, .s = pb.s,
		  .persist = pb.persist, .decay = pb.decay, .nrho = pb.nrho,
		  .rho = pb.rho },
		{ .course_years = 1, .completion = 1, .ncohorts = 1,
		  .cohorts = &voksne, .s = 0.2 },
	};
	double tax[8] = { 0 };
	size_t P = pb.npayers;
	size_t kommune = soem_kb_payer_index(f->kb, "kommune"),
	       stat = soem_kb_payer_index(f->kb, "stat");
	soem_pservice *sv = malloc(pb.nservices * sizeof *sv);
	const char *names[] = { "Unge <b>|x", "Voksne" };
	char *txt, *csv, *md, *html, want[256], num[64];
	size_t len;
	soem_err err = { 0 };
	soem_result *r;

	assert_true(P <= 8 && kommune != SOEM_NPOS && stat != SOEM_NPOS);
	assert_true(strcmp(f->calc->cons[f->map[0]].service, "kontanthjaelp") == 0);
	memcpy(sv, pb.services, pb.nservices * sizeof *sv);
	/* only social assistance is taxed here, whatever the shipped
	 * database taxes (issue 16 gave its transfers tax shares) */
	for (size_t k = 1; k < pb.nservices; k++)
		sv[k].tax = NULL;
	tax[kommune] = 0.25;
	tax[stat] = 0.12;
	sv[0].tax = tax;
	pb.services = sv;
	pb.ngroups = 2;
	pb.groups = g;
	r = soem_compute(&pb);
	assert_non_null(r);
	assert_int_equal(r->ngroups, 2);
	assert_true(r->has_completion && r->svc_taxed[0]);
	/* 60 starters of whom 5 in 6 complete, and 12 who all do */
	close_to(r->completers, 60 * 5.0 / 6 + 12, 1e-12);
	assert_true(isfinite(r->bep_value));

	soem_report rp = { .calc = f->calc, .kb = f->kb, .res = r,
			   .svc_cons = f->map, .lang = "en",
			   .conv = SOEM_NUM_EN, .group_names = names };
	assert_int_equal(soem_report_text(&rp, &txt, &len, &err), 0);
	assert_int_equal(soem_report_csv(&rp, &csv, &len, &err), 0);
	assert_int_equal(soem_report_markdown(&rp, &md, &len, &err), 0);
	assert_int_equal(soem_report_html(&rp, &html, &len, &err), 0);

	/* the price level in the headings */
	assert_non_null(strstr(txt, "Totals over the horizon, DKK at 2024 prices\n"));
	assert_non_null(strstr(txt, "Groups, DKK at 2024 prices\n"));
	assert_non_null(strstr(md, "## Summary, DKK at 2024 prices\n"));
	assert_non_null(strstr(md, "## Groups, DKK at 2024 prices\n"));
	assert_non_null(strstr(html, "<h2>Totals, DKK at 2024 prices</h2>"));
	assert_non_null(strstr(csv, "\"Figure, DKK at 2024 prices\","));

	/* the group table, names through each format's sink */
	assert_non_null(strstr(txt, "Unge <b>|x "));
	assert_non_null(strstr(txt, "\nVoksne "));
	assert_non_null(strstr(md, "| Unge \\<b\\>\\|x | 60 | 30.0 % |"));
	assert_non_null(strstr(md, "| Voksne | 12 | 20.0 % |"));
	assert_non_null(strstr(html, "<th scope=\"row\">Unge &lt;b&gt;|x</th>"));
	assert_null(strstr(html, "<b>|x"));
	assert_non_null(strstr(csv, "Group Voksne: participants,,,,12.00\r\n"));
	snprintf(want, sizeof want, "| Voksne | 12 | 20.0 % | 2.4 | %s |",
		 soem_num_format(r->grp_effects[1 * (P + 1) + P], 0,
				 SOEM_NUM_EN, num, sizeof num));
	assert_non_null(strstr(md, want));

	/* cost per participant and per completer */
	soem_num_format(r->tot_costs[P] / r->completers, 0, SOEM_NUM_EN, num,
			sizeof num);
	for (char **doc = (char *[]){ txt, md, html, NULL }; *doc; doc++) {
		const char *line = strstr(*doc, "Cost per completer");
		assert_non_null(line);
		assert_non_null(strstr(line, num));
		assert_non_null(strstr(*doc, "Cost per participant"));
		assert_non_null(strstr(*doc, "Net per completer"));
	}
	assert_non_null(strstr(csv, "\r\nCost per completer,"));

	/* the cumulative net after 1, 3, 5 and 10 years, undiscounted first */
	snprintf(want, sizeof want,
		 "After 3 years the cumulative net is %s in total",
		 soem_num_format(r->at_net[1 * (P + 1) + P], 0, SOEM_NUM_EN,
				 num, sizeof num));
	assert_int_equal(r->at_year[1], 3);
	assert_non_null(strstr(txt, want));
	assert_non_null(strstr(md, want));
	assert_non_null(strstr(html, want));
	assert_non_null(strstr(txt, "Cumulative net after 1, 3, 5 and 10 years, DKK at 2024 prices\n"));
	assert_non_null(strstr(csv, "\r\nAfter 3 years: cumulative net,"));

	/* it pays from N participants */
	snprintf(want, sizeof want, "It pays from %s participants",
		 soem_num_format(r->bep_whole, 0, SOEM_NUM_EN, num, sizeof num));
	assert_non_null(strstr(txt, want));
	assert_non_null(strstr(md, want));
	assert_non_null(strstr(html, want));
	snprintf(want, sizeof want, "\r\nParticipants it pays from,,,,%.0f\r\n",
		 r->bep_whole);
	assert_non_null(strstr(csv, want));

	/* gross and tax of the taxed transfer, the net of tax beside them */
	assert_non_null(strstr(txt, "Social assistance (kontanthjælp) (net of tax)"));
	assert_non_null(strstr(txt, "Social assistance (kontanthjælp): gross"));
	assert_non_null(strstr(txt, "Social assistance (kontanthjælp): tax back"));
	assert_non_null(strstr(md, "| Social assistance (kontanthjælp): tax back |"));
	assert_non_null(strstr(html, "Social assistance (kontanthjælp): gross"));
	snprintf(want, sizeof want, "\r\nSocial assistance (kontanthjælp): tax back,%.2f,",
		 r->by_service_tax[0]);
	assert_non_null(strstr(csv, want));
	assert_null(strstr(txt, "Disability pension (førtidspension) (net of tax)"));

	/* with groups the break-even scale, not a success rate */
	snprintf(want, sizeof want, "Break-even scale of the success rates: %s (",
		 soem_num_format(r->break_even_scale, 2, SOEM_NUM_EN, num,
				 sizeof num));
	assert_non_null(strstr(txt, want));
	assert_non_null(strstr(md, want));

	/* no single success rate with groups */
	assert_non_null(strstr(txt, "success rate: per group (see the table of groups)\n"));
	assert_non_null(strstr(md, "- Success rate: per group (see the table of groups)\n"));

	/* the summary comes before the inputs, with the chart */
	assert_true(strstr(md, "## Summary") < strstr(md, "## Inputs"));
	assert_true(strstr(html, "<h2>Summary") < strstr(html, "<h2>Inputs"));
	assert_true(strstr(html, "<svg") < strstr(html, "<h2>Inputs"));

	free(txt);
	free(csv);
	free(md);
	free(html);
	soem_result_free(&r);
	free(sv);
}

/* Issue 15 point 5: a grouped calculation (SPEC §2.9) handed to
 * soem_report_write as loaded, without the reports' view of its rows:
 * the writer builds the view (each format is written and names the
 * groups), and a result that does not fit the calculation is refused
 * with an error, never read past (the fuzz harness hit the read past the
 * end of the consequence list). */
static void test_grouped_without_view(void **state)
{
	soem_kbset set;
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	soem_problem pb;
	size_t *map = NULL;
	soem_err err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	(void)state;

	memset(&set, 0, sizeof set);
	memset(&pb, 0, sizeof pb);
	assert_int_equal(soem_kbset_add_dir(&set, TEST_DATA_DIR "/cases/kb",
					    NULL, &err), 0);
	assert_int_equal(soem_calc_load(TEST_DATA_DIR "/cases/groups.soem.yaml",
					&set, "tc", &c, &kb, NULL, &err), 0);
	/* as loaded: the rows are the groups', none at the top level */
	assert_int_equal(c->ngroups, 2);
	assert_int_equal(c->ncons, 0);
	assert_int_equal(soem_problem_build(c, kb, &pb, &map, &err), 0);
	soem_result *r = soem_compute(&pb);
	assert_non_null(r);
	assert_int_equal(r->nservices, 3);

	soem_report rp = { .calc = c, .kb = kb, .res = r, .svc_cons = map,
			   .lang = "en", .conv = SOEM_NUM_EN };
	for (int fmt = SOEM_FMT_TEXT; fmt <= SOEM_FMT_HTML; fmt++) {
		assert_int_equal(soem_report_write(&rp, (soem_format)fmt, &buf,
						   &len, &err), 0);
		assert_int_equal(strlen(buf), len);
		if (fmt == SOEM_FMT_MARKDOWN) {
			/* the consequences of each group, by its name */
			assert_non_null(strstr(buf, "| Unge | Herberg |"));
			assert_non_null(strstr(buf, "| Voksne | Herberg |"));
			assert_non_null(strstr(buf, "| Voksne | Kontanthjælp |"));
			assert_non_null(strstr(buf, "| Voksne | 20 | 20.0 % |"));
		}
		if (fmt == SOEM_FMT_YAML)
			assert_non_null(strstr(buf, "name: Voksne"));
		free(buf);
		buf = NULL;
	}
	/* the caller's own view is used as it is, and gives the same */
	{
		soem_report v = rp;
		soem_report_view view;
		char *md = NULL;

		soem_report_view_of(&v, &view);
		assert_int_equal(soem_report_write(&v, SOEM_FMT_MARKDOWN, &md,
						   &len, &err), 0);
		assert_int_equal(soem_report_write(&rp, SOEM_FMT_MARKDOWN,
						   &buf, &len, &err), 0);
		assert_string_equal(md, buf);
		free(md);
		free(buf);
		buf = NULL;
		soem_report_view_free(&view);
	}
	/* an engine service past the rows: an error, not a read past */
	size_t keep = map[2];
	map[2] = 3;
	buf = (char *)"not touched";
	assert_int_equal(soem_report_write(&rp, SOEM_FMT_MARKDOWN, &buf, &len,
					   &err), SOEM_EX_CALC);
	assert_null(buf);
	assert_non_null(strstr(err.msg, "does not fit"));
	map[2] = keep;
	/* a result with more groups than the calculation has */
	r->ngroups = 3;
	assert_int_equal(soem_report_write(&rp, SOEM_FMT_HTML, &buf, &len,
					   &err), SOEM_EX_CALC);
	r->ngroups = 2;

	soem_result_free(&r);
	soem_problem_free(&pb);
	free(map);
	soem_calc_free(&c);
	soem_kbset_free(&set);
}

static void test_date_text(void **state)
{
	char b[64];
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_string_equal(soem_report_date_text(1767225600, "da", b, sizeof b),
			    "1. januar 2026");
	assert_string_equal(soem_report_date_text(1772323200, "sv", b, sizeof b),
			    "1 mars 2026");
	assert_string_equal(soem_report_date_text(1767225600, "en", b, sizeof b),
			    "1 January 2026");
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	assert_true(soem_report_date_now() == 1767225600);
	unsetenv("SOURCE_DATE_EPOCH");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_in_process),
		cmocka_unit_test(test_yaml_from_soem_calc),
		cmocka_unit_test(test_example_is_meaningful),
		cmocka_unit_test(test_csv_shape),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_markdown_same_content),
		cmocka_unit_test(test_date_text),
		cmocka_unit_test(test_groups_and_figures),
		cmocka_unit_test(test_grouped_without_view),
	};
	return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
