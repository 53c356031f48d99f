#!/bin/sh
# --help, --version and wrong usage
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
expect_exit 0 "$SOEM_BIN" --help --lang en
expect_in "$OUT" "soem calc FILE"
expect_in "$OUT" "Exit codes"
expect_exit 0 "$SOEM_BIN" --version
expect_in "$OUT" "soem "
expect_exit 2 "$SOEM_BIN" --kb
expect_in "$ERR" "needs a value"
finish
