/* test_stacktrim.c - util/stacktrim.c: the stack's pages below the
 * caller go back to the kernel, and the stack still works after it
 * (issue 18: memory per user).  Catches a trim that gives nothing back
 * (a wrong mapping, a wrong range), one that cuts into the live frames
 * (the values below would change or the process would crash), and one
 * that runs off the main stack. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/stacktrim.h"

/* The Rss of the [stack] mapping, in kB (-1: not found). */
static long stack_rss_kb(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	long kb = -1;

	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		if (strchr(line, '-') && strstr(line, " rw") && line[0] != ' ')
			in = strstr(line, "[stack]") != NULL;
		if (in && strncmp(line, "Rss:", 4) == 0) {
			kb = strtol(line + 4, NULL, 10);
			break;
		}
	}
	fclose(f);
	return kb;
}

/* Writes depth frames of 4 kB below the caller; returns a checksum. */
static __attribute__((noinline)) unsigned deep(int depth)
{
	volatile unsigned char buf[4096];
	for (size_t i = 0; i < sizeof buf; i += 64)
		buf[i] = (unsigned char)(i + (size_t)depth);
	unsigned sum = depth > 0 ? deep(depth - 1) : 0;
	for (size_t i = 0; i < sizeof buf; i += 64)
		sum += buf[i];
	return sum;
}

static void test_trim_gives_pages_back(void **state)
{
	(void)state;
	unsigned want = deep(64);        /* 256 kB and more below us */
	long before = stack_rss_kb();
	assert_true(before >= 256);
	size_t got = soem_stack_trim();
	long after = stack_rss_kb();
	/* what lay below the frame went; the frames above it did not */
	assert_true(got >= 200 * 1024);
	assert_true(after >= 0);
	assert_true(before - after >= 200);
	/* and the stack runs as deep again, with the same values */
	assert_int_equal(deep(64), want);
}

/* Locals of the live frames above the caller keep their values. */
static __attribute__((noinline)) size_t trim_below(void)
{
	return soem_stack_trim();
}

static void test_live_frames_kept(void **state)
{
	(void)state;
	volatile char mine[8192];
	for (size_t i = 0; i < sizeof mine; i++)
		mine[i] = (char)(i * 7);
	(void)deep(16);
	(void)trim_below();
	for (size_t i = 0; i < sizeof mine; i++)
		assert_int_equal(mine[i], (char)(i * 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trim_gives_pages_back),
		cmocka_unit_test(test_live_frames_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
