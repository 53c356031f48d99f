#!/bin/sh
# The folders of src/ are layers (README "Layout", issue 13): each may
# include only the folders below it.  This test reads every #include and
# fails on an arrow that runs back up, so that a reader can trust the
# folder a thing is in.  It also checks that only src/ui/ includes curses
# and that the engine includes no I/O header.
#
# Bug it catches: model/ reaching up into io/ for the YAML tree (as it did
# before the move to yaml/), a report including a loader, the wizard
# depending on cli/'s option parser, the engine printing.
set -u
src=${SOEM_SRCDIR:-.}/src
status=0
checks=0
allowed() { # folder -> the folders it may include (besides itself)
	case $1 in
	util) echo "" ;;
	yaml) echo "util" ;;
	design) echo "util" ;;
	engine) echo "design util" ;;
	model) echo "design engine util yaml" ;;
	store) echo "util" ;;
	io) echo "design engine model store util yaml" ;;
	session) echo "io model store util yaml" ;;
	report) echo "design engine model util yaml" ;;
	cli) echo "design engine io model report session store util yaml" ;;
	ui) echo "design engine io model report session store util yaml" ;;
	*) echo "?" ;;
	esac
}
for dir in "$src"/*/; do
	layer=$(basename "$dir")
	ok=$(allowed "$layer")
	if [ "$ok" = "?" ]; then
		echo "FAIL: src/$layer/ is not a known layer (add it to tests/layers.sh and README)"
		status=1
		continue
	fi
	for f in "$dir"*.[ch]; do
		[ -f "$f" ] || continue
		for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
			checks=$((checks + 1))
			[ "$inc" = "$layer" ] && continue
			case " $ok " in
			*" $inc "*) ;;
			*) echo "FAIL: src/$layer/$(basename "$f") includes $inc/ (src/$layer/ may use: ${ok:-nothing})"
			   status=1 ;;
			esac
		done
		if [ "$layer" != ui ] && grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<n?cursesw?/?[a-z]*\.h>' "$f"; then
			echo "FAIL: src/$layer/$(basename "$f") includes curses (only src/ui/ may)"
			status=1
		fi
	done
done
for f in "$src"/engine/*.[ch]; do
	checks=$((checks + 1))
	if grep -Eq '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(stdio|unistd|fcntl|yaml|iniparser)\.h>' "$f"; then
		echo "FAIL: $(basename "$f"): the engine does no I/O"
		status=1
	fi
done
echo "$checks includes checked"
exit $status
