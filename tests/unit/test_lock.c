/* test_lock.c - FILE.lock: a second process is told who holds the file,
 * a dead holder never blocks, a planted symlink is not followed, a
 * read-only directory gives a message. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/lock.h"

static char dir[64];
static char file[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/soem-lock.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(file, sizeof file, "%s/calc.soem.yaml", dir);
	FILE *f = fopen(file, "w");
	if (!f)
		return -1;
	fputs("soem_calc: 1\n", f);
	fclose(f);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Runs soem_lock_take on file in a child; returns its result and fills
 * *h with what the child saw.  hold: the child keeps the lock and dies
 * without releasing it. */
static int take_in_child(soem_lock_holder *h, int die_holding)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		soem_lock lk;
		soem_lock_holder hh = { 0 };
		soem_err err = { 0 };
		int rc = soem_lock_take(file, &lk, &hh, &err);
		(void)!write(fds[1], &rc, sizeof rc);
		(void)!write(fds[1], &hh, sizeof hh);
		if (!die_holding && rc == 0)
			soem_lock_release(&lk);
		_exit(0); /* a holder dies holding: the kernel drops it */
	}
	close(fds[1]);
	int rc = -1;
	assert_int_equal(read(fds[0], &rc, sizeof rc), (ssize_t)sizeof rc);
	assert_int_equal(read(fds[0], h, sizeof *h), (ssize_t)sizeof *h);
	close(fds[0]);
	int st;
	waitpid(pid, &st, 0);
	return rc;
}

static void test_second_process_sees_holder(void **state)
{
	(void)state;
	soem_lock lk;
	soem_err err = { 0 };
	assert_int_equal(soem_lock_take(file, &lk, NULL, &err), 0);
	soem_lock_holder h;
	assert_int_equal(take_in_child(&h, 0), SOEM_LOCK_HELD);
	assert_int_equal(h.pid, (long)getpid());
	assert_true(h.user[0] != '\0');
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	assert_string_equal(h.host, host);
	assert_true(h.since > 0);
	soem_lock_release(&lk);
	/* released: the lock file is gone and the next one gets it */
	char lp[256];
	snprintf(lp, sizeof lp, "%s.lock", file);
	assert_int_equal(access(lp, F_OK), -1);
	assert_int_equal(take_in_child(&h, 0), 0);
}

static void test_dead_holder_does_not_block(void **state)
{
	(void)state;
	soem_lock_holder h;
	assert_int_equal(take_in_child(&h, 1), 0);
	/* the dead child's lock file is still there ... */
	char lp[256];
	snprintf(lp, sizeof lp, "%s.lock", file);
	assert_int_equal(access(lp, F_OK), 0);
	/* ... and blocks nobody */
	soem_lock lk;
	soem_err err = { 0 };
	assert_int_equal(soem_lock_take(file, &lk, NULL, &err), 0);
	soem_lock_release(&lk);
}

static void test_symlink_not_followed(void **state)
{
	(void)state;
	char target[256], lp[256];
	snprintf(target, sizeof target, "%s/victim", dir);
	snprintf(lp, sizeof lp, "%s.lock", file);
	FILE *f = fopen(target, "w");
	fputs("precious\n", f);
	fclose(f);
	assert_int_equal(symlink(target, lp), 0);
	soem_lock lk;
	soem_err err = { 0 };
	assert_int_equal(soem_lock_take(file, &lk, NULL, &err),
			 SOEM_EX_DATAERR);
	assert_non_null(strstr(err.msg, "symbolic link"));
	f = fopen(target, "r");
	char buf[32] = "";
	assert_non_null(fgets(buf, sizeof buf, f));
	fclose(f);
	assert_string_equal(buf, "precious\n");
	unlink(lp);
}

static void test_read_only_directory(void **state)
{
	(void)state;
	/* as root every directory is writable: drop to nobody in a child */
	assert_int_equal(chmod(dir, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(2);
		soem_lock lk;
		soem_err err = { 0 };
		int rc = soem_lock_take(file, &lk, NULL, &err);
		_exit(rc == 73 && strstr(err.msg, "cannot create the lock file")
			      ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

/* A lock file planted in a world-writable folder by another user, with
 * a note naming root: the note is not believed, the owner's uid is told.
 * The parent holds the flock (as the planter's soem would). */
static void test_planted_note_not_believed(void **state)
{
	(void)state;
	if (geteuid() != 0) {
		/* another user's lock file needs root to make (CI is root) */
		skip();
	}
	assert_int_equal(chmod(dir, 0777), 0);
	char lp[256];
	snprintf(lp, sizeof lp, "%s.lock", file);
	int fd = open(lp, O_RDWR | O_CREAT | O_EXCL, 0666);
	assert_true(fd >= 0);
	assert_int_equal(fchmod(fd, 0666), 0);
	assert_int_equal(fchown(fd, 65534, 65534), 0);
	const char *note = "root trainer-server 1 0\n";
	assert_int_equal(write(fd, note, strlen(note)), (ssize_t)strlen(note));
	assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
	soem_lock_holder h;
	assert_int_equal(take_in_child(&h, 0), SOEM_LOCK_HELD);
	assert_false(h.known);
	assert_int_equal(h.uid, 65534);
	assert_string_equal(h.user, "");
	assert_string_equal(h.host, "");
	assert_int_equal(h.pid, 0);
	/* the same note in a lock file of root's own is root's: believed */
	assert_int_equal(fchown(fd, 0, 0), 0);
	assert_int_equal(take_in_child(&h, 0), SOEM_LOCK_HELD);
	assert_true(h.known);
	assert_int_equal(h.uid, 0);
	assert_string_equal(h.user, "root");
	assert_string_equal(h.host, "trainer-server");
	close(fd);
	unlink(lp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_second_process_sees_holder),
		cmocka_unit_test(test_dead_holder_does_not_block),
		cmocka_unit_test(test_symlink_not_followed),
		cmocka_unit_test(test_read_only_directory),
		cmocka_unit_test(test_planted_note_not_believed),
	};
	return cmocka_run_group_tests_name("lock", tests, setup, teardown);
}
