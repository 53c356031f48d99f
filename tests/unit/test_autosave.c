/* test_autosave.c - the autosave directory (0700), file names after the
 * calculation, files 0600 whatever the umask, the list for recovery. */
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
	assert_string_equal(p, "/d/%home%anna%hf.soem.yaml" SOEM_AUTOSAVE_SUFFIX);
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
	assert_int_equal(soem_autosave_write(a, c, &err), 0);
	assert_int_equal(soem_autosave_write(b, c, &err), 0);
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
	assert_string_equal(v[1].path, a);
	assert_string_equal(v[1].origin, "/srv/x/a.soem.yaml");
	assert_int_equal(v[1].when, 1000);
	soem_autosave_list_free(v, n);
	free(a);
	free(b);
	free(dir);
	soem_calc_free(&c);
	umask(old);
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
		cmocka_unit_test(test_symlinked_dir_refused),
	};
	return cmocka_run_group_tests_name("autosave", tests, setup, teardown);
}
