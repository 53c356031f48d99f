/* dk_fixture.h - a cmocka group fixture for unit tests that work on the
 * bundled Danish profile: setup loads share/soem/kb/dk.yaml into set (kb
 * points at it), teardown frees it.  Included by one test file each. */
#ifndef SOEM_TEST_DK_FIXTURE_H
#define SOEM_TEST_DK_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "io/kb_io.h"

static soem_kbset set;
static const soem_kb *kb;

static int setup(void **state)
{
	(void)state;
	soem_err err = { 0 };
	soem_kb *k = NULL;
	memset(&set, 0, sizeof set);
	if (soem_kb_load(KB_DIR "/dk.yaml", &k, NULL, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	soem_kbset_add(&set, k, NULL);
	kb = k;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	soem_kbset_free(&set);
	return 0;
}

#endif
