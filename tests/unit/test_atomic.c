/* test_atomic.c - the atomic save on a shared server (issue 12, §3): the
 * temporary file stays 0600 while it is written, even when the file it
 * replaces is 0666, and gets that mode only when complete. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/atomic.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/soem-atomic.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A child saves 64 MiB over a 0666 report of ours; the parent stops it
 * as soon as the temporary file appears (inotify) and looks at the
 * file's mode while it is being written.  Before issue 12 the temporary
 * file took the target's 0666 before the first byte was written, and
 * another user could open it and read along. */
static void test_tmp_private_while_written(void **state)
{
	(void)state;
	char target[128];
	snprintf(target, sizeof target, "%s/report.html", dir);
	FILE *f = fopen(target, "w");
	assert_non_null(f);
	fputs("old\n", f);
	fclose(f);
	assert_int_equal(chmod(target, 0666), 0);

	int in = inotify_init1(IN_CLOEXEC);
	assert_true(in >= 0);
	assert_true(inotify_add_watch(in, dir, IN_CREATE) >= 0);
	size_t len = 64u << 20;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *buf = malloc(len);
		if (!buf)
			_exit(2);
		memset(buf, 'x', len);
		soem_err err = { 0 };
		_exit(soem_atomic_write(target, buf, len, &err) ? 1 : 0);
	}
	char ev[sizeof(struct inotify_event) + NAME_MAX + 1]
		__attribute__((aligned(8)));
	ssize_t n = read(in, ev, sizeof ev);
	assert_true(n > (ssize_t)sizeof(struct inotify_event));
	const struct inotify_event *e = (const void *)ev;
	assert_non_null(strstr(e->name, ".report.html.tmp"));
	char tmp[512];
	snprintf(tmp, sizeof tmp, "%s/%s", dir, e->name);
	/* the first bytes are in: it is being written */
	struct stat st;
	int seen;
	while ((seen = stat(tmp, &st)) == 0 && st.st_size == 0)
		;
	kill(pid, SIGSTOP);
	seen = stat(tmp, &st);
	kill(pid, SIGCONT);
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	close(in);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	/* caught while being written (64 MiB take longer than a signal) */
	assert_int_equal(seen, 0);
	assert_true((size_t)st.st_size < len);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0666);
	assert_int_equal((size_t)st.st_size, len);
}

/* The refusals need no temporary file: none is ever made. */
static void test_refused_before_writing(void **state)
{
	(void)state;
	char target[128];
	snprintf(target, sizeof target, "%s/course.soem.yaml", dir);
	FILE *f = fopen(target, "w");
	assert_non_null(f);
	fputs("old\n", f);
	fclose(f);
	assert_int_equal(chmod(target, 0444), 0);
	soem_err err = { 0 };
	assert_int_equal(soem_atomic_write(target, "new\n", 4, &err), 73);
	assert_non_null(strstr(err.msg, "write-protected (mode 444)"));
	struct stat st;
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 4);
	assert_int_equal(soem_atomic_replaceable(&st), SOEM_REPLACE_PROTECTED);
	if (geteuid() != 0) {
		/* another user's file needs root to make (CI runs as root) */
		skip();
	}
	assert_int_equal(chmod(target, 0666), 0);
	assert_int_equal(chown(target, 65534, 65534), 0);
	soem_err err2 = { 0 };
	assert_int_equal(soem_atomic_write(target, "new\n", 4, &err2), 73);
	assert_non_null(strstr(err2.msg, "(uid 65534)"));
	assert_non_null(strstr(err2.msg, target));
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_uid, 65534);
	assert_int_equal(st.st_mode & 0777, 0666);
	assert_int_equal(soem_atomic_replaceable(&st), SOEM_REPLACE_NOT_YOURS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tmp_private_while_written),
		cmocka_unit_test(test_refused_before_writing),
	};
	return cmocka_run_group_tests_name("atomic", tests, setup, teardown);
}
