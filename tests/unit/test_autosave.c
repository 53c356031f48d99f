/* test_autosave.c - the autosave directory (0700), file names after the
 * calculation (one per path), the path recorded inside, files 0600
 * whatever the umask, the list for recovery. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "session/autosave.h"
#include "model/calc.h"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/soem-as.XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	char st[128];
	snprintf(st, sizeof st, "%s/state", tmp);
	setenv("XDG_STATE_HOME", st, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_dir_is_private(void **state)
{
	(void)state;
	mode_t old = umask(022);
	char *dir = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_autosave_dir(&dir, &err), 0);
	char want[128];
	snprintf(want, sizeof want, "%s/state/soem/autosave", tmp);
	assert_string_equal(dir, want);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	/* a directory made too open is closed again */
	chmod(dir, 0755);
	free(dir);
	assert_int_equal(soem_autosave_dir(&dir, &err), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(dir);
	umask(old);
}

static void test_names(void **state)
{
	(void)state;
	char *p = soem_autosave_path("/d", "/home/anna/hf.soem.yaml", 0);
	/* HASH-NAME: 16 hex digits, then the file's own name */
	assert_int_equal(strncmp(p, "/d/", 3), 0);
	for (int i = 3; i < 19; i++)
		assert_non_null(strchr("0123456789abcdef", p[i]));
	assert_string_equal(p + 19, "-hf.soem.yaml" SOEM_AUTOSAVE_SUFFIX);
	free(p);
	/* '/' and '%' once gave one name to both of these */
	char *a = soem_autosave_path("/d", "/srv/rate%a.soem.yaml", 0);
	char *b = soem_autosave_path("/d", "/srv/rate/a.soem.yaml", 0);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	a = soem_autosave_path("/d", "/srv/x/a.soem.yaml", 0);
	b = soem_autosave_path("/d", "/srv/y/a.soem.yaml", 0);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	/* a long name is cut to fit a file name, on a character boundary */
	char lng[600] = "/srv/";
	for (int i = 0; i < 150; i++)
		strcat(lng, "\xc3\xa6"); /* æ */
	strcat(lng, ".soem.yaml");
	p = soem_autosave_path("/d", lng, 0);
	const char *base = strrchr(p, '/') + 1;
	assert_true(strlen(base) <= 255);
	const char *sfx = strstr(base, SOEM_AUTOSAVE_SUFFIX);
	assert_non_null(sfx);
	assert_true((sfx - base - 17) % 2 == 0); /* whole æ only */
	free(p);
	time_t t = 1795000000; /* 2026-11-18 11:06:40 UTC */
	setenv("TZ", "UTC", 1);
	p = soem_autosave_path("/d", NULL, t);
	assert_string_equal(p, "/d/untitled-20261118-110640" SOEM_AUTOSAVE_SUFFIX);
	free(p);
}

static void test_write_and_list(void **state)
{
	(void)state;
	mode_t old = umask(022);
	char *dir = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_autosave_dir(&dir, &err), 0);
	soem_calc *c = soem_calc_new();
	c->intervention.name = strdup("Housing First");
	char *a = soem_autosave_path(dir, "/srv/x/a.soem.yaml", 0);
	char *b = soem_autosave_path(dir, NULL, 1795000000);
	assert_int_equal(soem_autosave_write(a, c, "/srv/x/a.soem.yaml", &err), 0);
	assert_int_equal(soem_autosave_write(b, c, NULL, &err), 0);
	struct stat st;
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* a is older than b */
	struct utimbuf ut = { 1000, 1000 };
	utime(a, &ut);
	soem_autosave_entry *v;
	size_t n;
	assert_int_equal(soem_autosave_list(dir, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].path, b);
	assert_null(v[0].origin);
	assert_false(v[0].legacy);
	assert_string_equal(v[1].path, a);
	assert_string_equal(v[1].origin, "/srv/x/a.soem.yaml");
	assert_false(v[1].legacy);
	assert_int_equal(v[1].when, 1000);
	soem_autosave_list_free(v, n);
	free(a);
	free(b);
	free(dir);
	soem_calc_free(&c);
	umask(old);
}

/* Recovery believes the path recorded inside, not the name: an autosave
 * of rate%a under the name of rate/a's is still rate%a's; a name of an
 * older soem ("%srv%rate%a...", which rate/a and rate%a shared) is
 * offered with no file; odd bytes in a path come back as they were. */
static void test_origin_inside(void **state)
{
	(void)state;
	char *dir = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_autosave_dir(&dir, &err), 0);
	soem_calc *c = soem_calc_new();
	c->intervention.name = strdup("Rate");
	char *ra = soem_autosave_path(dir, "/srv/rate/a.soem.yaml", 0);
	assert_int_equal(soem_autosave_write(ra, c, "/srv/rate%a.soem.yaml",
					     &err), 0);
	char *o = soem_autosave_origin(ra);
	assert_string_equal(o, "/srv/rate%a.soem.yaml");
	free(o);
	const char *odd = "/srv/we%ird\nna\033me.soem.yaml";
	char *w = soem_autosave_path(dir, odd, 0);
	assert_int_equal(soem_autosave_write(w, c, odd, &err), 0);
	o = soem_autosave_origin(w);
	assert_string_equal(o, odd);
	free(o);
	char *legacy = NULL;
	assert_true(asprintf(&legacy, "%s/%%srv%%rate%%a.soem.yaml%s", dir,
			     SOEM_AUTOSAVE_SUFFIX) > 0);
	assert_int_equal(soem_autosave_write(legacy, c, NULL, &err), 0);
	soem_autosave_entry *v;
	size_t n;
	assert_int_equal(soem_autosave_list(dir, &v, &n, &err), 0);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].path, legacy) == 0) {
			assert_null(v[i].origin);
			assert_true(v[i].legacy);
			seen |= 1;
		} else if (strcmp(v[i].path, ra) == 0) {
			assert_string_equal(v[i].origin,
					    "/srv/rate%a.soem.yaml");
			seen |= 2;
		} else if (strcmp(v[i].path, w) == 0) {
			assert_string_equal(v[i].origin, odd);
			seen |= 4;
		}
	}
	assert_int_equal(seen, 7);
	soem_autosave_list_free(v, n);
	unlink(ra);
	unlink(w);
	unlink(legacy);
	free(ra);
	free(w);
	free(legacy);
	free(dir);
	soem_calc_free(&c);
}

static void test_symlinked_dir_refused(void **state)
{
	(void)state;
	char st2[128], real[128], link[256];
	snprintf(st2, sizeof st2, "%s/state2", tmp);
	snprintf(real, sizeof real, "%s/elsewhere", tmp);
	mkdir(st2, 0700);
	mkdir(real, 0700);
	char soemdir[192];
	snprintf(soemdir, sizeof soemdir, "%s/soem", st2);
	mkdir(soemdir, 0700);
	snprintf(link, sizeof link, "%s/autosave", soemdir);
	assert_int_equal(symlink(real, link), 0);
	setenv("XDG_STATE_HOME", st2, 1);
	char *dir = NULL;
	soem_err err = { 0 };
	assert_int_equal(soem_autosave_dir(&dir, &err), 73);
	assert_null(dir);
	assert_non_null(strstr(err.msg, "not a directory of yours"));
	char st[128];
	snprintf(st, sizeof st, "%s/state", tmp);
	setenv("XDG_STATE_HOME", st, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir_is_private),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_write_and_list),
		cmocka_unit_test(test_origin_inside),
		cmocka_unit_test(test_symlinked_dir_refused),
	};
	return cmocka_run_group_tests_name("autosave", tests, setup, teardown);
}
