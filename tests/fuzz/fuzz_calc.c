/* fuzz_calc.c - the calculation loader on arbitrary bytes, against the
 * shipped Danish profile; what loads is also saved, reloaded, computed
 * and written as Markdown and HTML reports, so the writer, the engine
 * and the reports are fuzzed too (the HTML never holds a <script: every
 * text from the file is escaped). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "report/report.h"
#include "model/problem.h"

#ifndef KB_DIR
#define KB_DIR "share/soem/kb"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static soem_kbset *kbs(void)
{
	static soem_kbset set;
	static int loaded;
	if (!loaded) {
		soem_err err = { 0 };
		const char *d = getenv("SOEM_KB_DIR");
		if (soem_kbset_add_dir(&set, d && *d ? d : KB_DIR, NULL, &err) ||
		    set.n == 0)
			abort();
		loaded = 1;
	}
	return &set;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	soem_calc *c = NULL;
	const soem_kb *kb = NULL;
	soem_warnings warn = { 0 };
	soem_err err = { 0 };
	int rc = soem_calc_parse((const char *)data, size, "fuzz.soem.yaml",
				 kbs(), "dk", &c, &kb, &warn, &err);
	soem_warnings_free(&warn);
	if (rc != 0) {
		if (err.msg[0] == '\0' || c)
			__builtin_trap();
		return 0;
	}
	/* save -> load -> save gives the same text */
	char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	soem_calc *c2 = NULL;
	if (soem_calc_write(c, &a, &alen, &err) == 0) {
		soem_err e2 = { 0 };
		if (soem_calc_parse(a, alen, "resaved", kbs(), "dk", &c2, NULL,
				    NULL, &e2) != 0)
			__builtin_trap();
		if (soem_calc_write(c2, &b, &blen, &e2) != 0 || alen != blen ||
		    memcmp(a, b, alen) != 0)
			__builtin_trap();
	}
	soem_problem pb;
	size_t *map = NULL;
	if (soem_problem_build(c, kb, &pb, &map, &err) == 0) {
		soem_result *r = soem_compute(&pb);
		/* with groups (SPEC 2.9) svc_cons indexes the rows of all
		 * groups: the reports get the view soem_report_run gives them,
		 * a calculation whose cons are those rows */
		soem_calc flat = *c;
		soem_consequence *all = NULL;
		const char **names = NULL;
		if (c->ngroups) {
			all = soem_calc_all_cons(c, &flat.ncons);
			flat.cons = all;
			names = calloc(c->ngroups, sizeof *names);
			if (!names)
				abort();
			for (size_t g = 0; g < c->ngroups; g++)
				names[g] = c->groups[g].name;
		}
		if (r) {
			soem_report rp = { .calc = &flat, .kb = kb, .res = r,
					   .svc_cons = map, .lang = "da",
					   .conv = SOEM_NUM_DA, .date = 1,
					   .group_names = names };
			char *rep = NULL;
			size_t rlen = 0;
			if (soem_report_write(&rp, SOEM_FMT_HTML, &rep, &rlen,
					      &err) == 0 &&
			    (strstr(rep, "<script") || strlen(rep) != rlen))
				__builtin_trap();
			free(rep);
			rep = NULL;
			if (soem_report_write(&rp, SOEM_FMT_MARKDOWN, &rep,
					      &rlen, &err) == 0 &&
			    strlen(rep) != rlen)
				__builtin_trap();
			free(rep);
		}
		free(all);
		free(names);
		soem_result_free(&r);
		soem_problem_free(&pb);
		free(map);
	}
	free(a);
	free(b);
	soem_calc_free(&c2);
	soem_calc_free(&c);
	return 0;
}
