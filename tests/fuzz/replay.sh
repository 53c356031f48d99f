#!/bin/sh
# Replays every seed, every regression file and every test and shipped
# data file through the three fuzz harnesses, built with the normal
# compiler (and with ASan/UBSan in the sanitizer build).
set -u
b=${SOEM_BUILDDIR:?}; s=${SOEM_SRCDIR:?}
status=0
"$b/tests/fuzz/replay_kb" "$s/tests/fuzz/corpus/kb" "$s/tests/fuzz/regress/kb" \
	"$s/share/soem/kb" "$s"/tests/data/bad || status=1
"$b/tests/fuzz/replay_calc" "$s/tests/fuzz/corpus/calc" "$s/tests/fuzz/regress/calc" \
	"$s/share/soem/examples" "$s/tests/data" || status=1
"$b/tests/fuzz/replay_num" "$s/tests/fuzz/corpus/num" "$s/tests/fuzz/regress/num" || status=1
exit $status
