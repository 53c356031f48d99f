#!/bin/sh
# The manual pages format without a single warning, with groff and with
# mandoc (groff exits 0 on warnings, so stderr is what counts).
set -u
src=${SOEM_SRCDIR:-.}
status=0
command -v groff >/dev/null 2>&1 || { echo "groff missing"; exit 77; }
command -v mandoc >/dev/null 2>&1 || { echo "mandoc missing"; exit 77; }
for page in "$src"/man/*.[1-9]; do
	out=$(LC_ALL=C.UTF-8 groff -man -ww -z -K utf8 "$page" 2>&1)
	if [ -n "$out" ]; then
		echo "groff warnings in $page:"; echo "$out"; status=1
	fi
	out=$(mandoc -T lint -W warning "$page" 2>&1)
	if [ -n "$out" ]; then
		echo "mandoc warnings in $page:"; echo "$out"; status=1
	fi
	echo "checked $page"
done
exit $status
