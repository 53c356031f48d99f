/* inline_kb_fixture.h - a cmocka group fixture for unit tests that work on
 * a small profile written inline: define KB_YAML (the profile's text) and
 * KB_NAME (the file name its messages give) before including this; setup
 * parses it into set, teardown frees it.  Included by one test file each
 * (test_problem.c, test_illustrative.c; dk_fixture.h is the same for the
 * bundled Danish profile). */
#ifndef SOEM_TEST_INLINE_KB_FIXTURE_H
#define SOEM_TEST_INLINE_KB_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "io/kb_io.h"

static soem_kbset set;

static int setup(void **state)
{
	(void)state;
	soem_err err = { 0 };
	soem_kb *kb = NULL;
	memset(&set, 0, sizeof set);
	if (soem_kb_parse(KB_YAML, strlen(KB_YAML), KB_NAME, &kb, NULL,
			  &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	soem_kbset_add(&set, kb, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	soem_kbset_free(&set);
	return 0;
}

#endif
