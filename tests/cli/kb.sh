#!/bin/sh
# soem kb list | show | validate
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
KB="--kb $SOEM_KB_DIR"

expect_exit 0 "$SOEM_BIN" kb list $KB --lang en
expect_in "$OUT" "dk"
expect_in "$OUT" "DKK"

expect_exit 0 "$SOEM_BIN" kb show hjemloese $KB --lang en
expect_in "$OUT" "Target group hjemloese"
expect_in "$OUT" "ophold_herberg"
expect_in "$OUT" "* Social assistance"
expect_in "$OUT" "20.98"
expect_in "$OUT" "-2.85 -2.19"
expect_exit 0 "$SOEM_BIN" kb show hjemloese $KB --lang da
expect_in "$OUT" "20,98"
expect_in "$OUT" "* Kontanthjælp"
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp $KB --lang en
expect_in "$OUT" "Service kontanthjaelp"
expect_exit 65 "$SOEM_BIN" kb show no_such_thing $KB
expect_in "$ERR" "no_such_thing"

expect_exit 0 "$SOEM_BIN" kb validate "$SOEM_KB_DIR/dk.yaml"
expect_in "$OUT" "valid (profile dk"
expect_exit 0 "$SOEM_BIN" kb validate $KB
expect_in "$OUT" "valid (profile dk"
for f in "$SOEM_TEST_DATA"/bad/kb-*.yaml; do
	expect_exit 65 "$SOEM_BIN" kb validate "$f"
	expect_in "$ERR" "$(basename "$f"):"
done
expect_exit 66 "$SOEM_BIN" kb validate "$T/missing.yaml"
expect_exit 2 "$SOEM_BIN" kb frobnicate $KB
expect_exit 2 "$SOEM_BIN" kb $KB
expect_exit 66 "$SOEM_BIN" kb list --kb "$T/no-such-dir"
finish
