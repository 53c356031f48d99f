#!/bin/sh
# Files on a shared server (issue 12 §3): only regular files are read (a
# FIFO, a device or a directory: 66, SPEC §3.2), never blocking; -o never
# replaces the file being read (73); a file of millions of tiny YAML values
# is refused at the node cap of SPEC §6 without taking the machine's memory.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
KB="--kb $SOEM_KB_DIR"
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
PLAN="$SOEM_TEST_DATA/design/plan.soem.yaml"

# --- not a regular file: 66 with a message, at once -----------------------
# (timeout: a regression that blocks in open() fails instead of hanging)
mkfifo "$T/fifo.soem.yaml" || { echo "mkfifo failed"; exit 1; }
mkdir "$T/dir.soem.yaml"
for f in "$T/fifo.soem.yaml" /dev/zero "$T/dir.soem.yaml"; do
	expect_exit 66 timeout 10 "$SOEM_BIN" calc "$f" $KB
	expect_in "$ERR" "$f:"
	expect_exit 66 timeout 10 "$SOEM_BIN" design "$f"
	expect_in "$ERR" "$f:"
	expect_exit 66 timeout 10 "$SOEM_BIN" kb validate "$f"
	expect_in "$ERR" "$f:"
	# --config names a file that must be read
	expect_exit 66 timeout 10 "$SOEM_BIN" kb list $KB --config "$f"
	expect_in "$ERR" "$f: not a regular file"
done
expect_exit 66 timeout 10 "$SOEM_BIN" calc "$T/fifo.soem.yaml" $KB
expect_in "$ERR" "is not a regular file"
expect_exit 66 timeout 10 "$SOEM_BIN" calc /dev/zero $KB
expect_in "$ERR" "/dev/zero: is not a regular file"
expect_exit 66 timeout 10 "$SOEM_BIN" calc "$T/dir.soem.yaml" $KB
expect_in "$ERR" "is a directory"
# a FIFO where a configuration file is looked for is skipped with a warning
mkdir -p "$XDG_CONFIG_HOME/soem"
mkfifo "$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 timeout 10 "$SOEM_BIN" calc "$EX" $KB --format yaml
expect_in "$ERR" "soem.ini: not a regular file; it is ignored"
rm "$XDG_CONFIG_HOME/soem/soem.ini"
# a FIFO named like a profile in a database folder is not opened
mkdir "$T/kbfifo"
mkfifo "$T/kbfifo/aa.yaml"
expect_exit 0 timeout 10 "$SOEM_BIN" kb list --kb "$T/kbfifo" $KB
expect_in "$OUT" "dk"

# --- -o is the file being read: 73, the file untouched ---------------------
cp "$EX" "$T/calc.soem.yaml"
chmod u+w "$T/calc.soem.yaml"
cksum <"$T/calc.soem.yaml" >"$T/before"
expect_exit 73 "$SOEM_BIN" calc "$T/calc.soem.yaml" $KB -o "$T/calc.soem.yaml"
expect_in "$ERR" "is the file being read"
# the same file by another name: a symbolic link, a hard link, ./
ln -s calc.soem.yaml "$T/link.soem.yaml"
ln "$T/calc.soem.yaml" "$T/hard.soem.yaml"
for o in "$T/link.soem.yaml" "$T/hard.soem.yaml" "$T/./calc.soem.yaml"; do
	expect_exit 73 "$SOEM_BIN" calc "$T/calc.soem.yaml" $KB --format html -o "$o"
	expect_in "$ERR" "$o is the file being read"
done
cksum <"$T/calc.soem.yaml" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "calc -o overwrote the calculation it read"
# another file is written as before
expect_exit 0 "$SOEM_BIN" calc "$T/calc.soem.yaml" $KB -o "$T/report.txt"
expect_in "$T/report.txt" "Housing First"
# design FILE -o FILE
cp "$PLAN" "$T/plan.soem.yaml"
chmod u+w "$T/plan.soem.yaml"
cksum <"$T/plan.soem.yaml" >"$T/before"
expect_exit 73 "$SOEM_BIN" design "$T/plan.soem.yaml" -o "$T/plan.soem.yaml"
expect_in "$ERR" "is the file being read"
cksum <"$T/plan.soem.yaml" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "design -o overwrote the file it read"
expect_exit 0 "$SOEM_BIN" design "$T/plan.soem.yaml" -o "$T/plan.txt"

# --- the node cap (SPEC §6: 2 000 000 YAML nodes) --------------------------
# The worst case of the issue: 314 lists of 99 999 zeros, 60 MiB, within
# the file, string and list limits.  Before the cap it took 5.4 GB and
# 15 s before it was refused; now it stops at the 2 000 001st node.
python3 - "$T/zeros.soem.yaml" <<'EOF'
import sys
row = "- [" + ",".join(["0"] * 99999) + "]\n"
with open(sys.argv[1], "w") as f:
    f.write("soem_calc: 1\nzeros:\n")
    for _ in range(314):
        f.write(row)
EOF
# Under ASan the address space is reserved by the sanitizer: the memory
# bound is checked in the normal build only (the exit and message in both).
if nm "$SOEM_BIN" 2>/dev/null | grep -q __asan_init; then
	LIMIT=""
else
	# 400 MB of address space: the refused file's 60 MiB, the tree up to
	# the cap (80 MB) and the program; the 5.4 GB it took cannot fit
	LIMIT="ulimit -v 400000;"
fi
CHECKS=$((CHECKS + 1))
sh -c "$LIMIT exec \"\$@\"" sh timeout 60 "$SOEM_BIN" calc "$T/zeros.soem.yaml" $KB \
	>"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 65 ] || { fail "zeros: exit $rc, expected 65"; head -c 500 "$ERR"; }
# file:line:col of the first node beyond the cap: 5 nodes before the
# lists (the root map, soem_calc, 1, zeros, the list of lists), 100 000
# per list, so node 2 000 001 is the 99 995th zero of the 20th list, on
# line 22 at column 3 + 2 * 99 994
expect_in "$ERR" "zeros.soem.yaml:22:199992: "
expect_in "$ERR" "more than 2000000 YAML values, lists and maps in one file"
# kb validate reads through the same parser
CHECKS=$((CHECKS + 1))
sh -c "$LIMIT exec \"\$@\"" sh timeout 60 "$SOEM_BIN" kb validate "$T/zeros.soem.yaml" \
	>"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 65 ] || { fail "zeros (kb validate): exit $rc, expected 65"; head -c 500 "$ERR"; }
expect_in "$ERR" "more than 2000000 YAML values"
rm -f "$T/zeros.soem.yaml"
# just below the cap a file is read (and then judged on what it says)
python3 - "$T/cap.soem.yaml" <<'EOF'
import sys
# root map (1) + key/value "soem_calc: 1" (2) + key "zeros" (1) + list (1)
# + 20 lists (20) + their items: 2 000 000 in all
items = 2000000 - 5 - 20
with open(sys.argv[1], "w") as f:
    f.write("soem_calc: 1\nzeros:\n")
    for i in range(20):
        n = min(99999, items)
        items -= n
        f.write("- [" + ",".join(["0"] * n) + "]\n")
    assert items == 0
EOF
expect_exit 65 "$SOEM_BIN" kb validate "$T/cap.soem.yaml"
expect_not_in "$ERR" "YAML values, lists and maps"
expect_in "$ERR" "not a knowledge database"
rm -f "$T/cap.soem.yaml"

# Values made of nothing: a list of one-key maps with empty values
# (`a: ,`, three nodes in four bytes) would build a tree of about 30x the
# file below the node cap; beyond 65 536 nodes a file needs two bytes per
# node, so it is refused at about half its nodes, with file:line:col
# (SPEC 6: no file within the limits above about 20x its size).
python3 - "$T/maps.soem.yaml" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("soem_calc: 1\nx:\n")
    for i in range(7):              # lists below the 100 000-entry limit
        f.write("- [" + "a: ," * 90000 + "]\n")
EOF
size_kb=$(( $(wc -c <"$T/maps.soem.yaml") / 1024 ))
MLIMIT=""
[ -n "$LIMIT" ] && MLIMIT="ulimit -v $((20 * size_kb + 49152));"
CHECKS=$((CHECKS + 1))
sh -c "$MLIMIT exec \"\$@\"" sh timeout 60 "$SOEM_BIN" kb validate "$T/maps.soem.yaml" \
	>"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 65 ] || { fail "maps: exit $rc, expected 65 (${MLIMIT:-no limit})"; head -c 500 "$ERR"; }
expect_in "$ERR" "maps.soem.yaml:"
expect_in "$ERR" "more YAML values, lists and maps than one for every two bytes of the file"
rm -f "$T/maps.soem.yaml"

# A calculation at the cap whose nodes are all one-character values (the
# worst ratio of memory to file size) under a key soem does not know, so
# that it is kept for the next save: it computes within about 20x its size
# (SPEC §6).  The example's own nodes are counted with python3-yaml.
python3 - "$EX" "$T/big.soem.yaml" <<'EOF'
import sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
have = sum(1 for e in yaml.parse(text)
           if isinstance(e, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                             yaml.MappingStartEvent)))
left = 2000000 - have - 2        # the key x_zeros and its list
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text)
    f.write("x_zeros:\n")
    while left > 0:
        k = min(99999, left - 1)
        f.write("- [" + ",".join(["0"] * k) + "]\n")
        left -= k + 1
    assert left == 0
EOF
size_kb=$(( $(wc -c <"$T/big.soem.yaml") / 1024 ))
if [ -n "$LIMIT" ]; then
	# 20x the file and 48 MB for the program (about 15 MB of address
	# space for the example alone); it took 87x before
	LIMIT="ulimit -v $((20 * size_kb + 49152));"
fi
CHECKS=$((CHECKS + 1))
sh -c "$LIMIT exec \"\$@\"" sh timeout 60 "$SOEM_BIN" calc "$T/big.soem.yaml" $KB \
	--format yaml >"$OUT" 2>"$ERR"
rc=$?
[ "$rc" = 0 ] || { fail "a calculation at the node cap: exit $rc (${LIMIT:-no limit})"; head -c 500 "$ERR"; }
expect_in "$OUT" "soem_result: 1"
finish
