/* fuzz_kb.c - the knowledge-database loader on arbitrary bytes. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "io/kb_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	soem_kb *kb = NULL;
	soem_warnings warn = { 0 };
	soem_err err = { 0 };
	int rc = soem_kb_parse((const char *)data, size, "fuzz.yaml", &kb,
			       &warn, &err);
	/* a failure always says something, a success never leaves one */
	if (rc != 0 && (err.msg[0] == '\0' || kb))
		__builtin_trap();
	if (rc == 0 && !kb)
		__builtin_trap();
	soem_kb_free(&kb);
	soem_warnings_free(&warn);
	return 0;
}
