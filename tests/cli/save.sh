#!/bin/sh
# Saving on a shared server (issue 12, §3): soem calc -o (the same atomic
# save as the wizard's) never replaces another user's file (exit 73, the
# owner named; even root, which would take the file from its owner) nor a
# write-protected one, and leaves no temporary file behind; after a save,
# temporary files of ours that a killed save left in the folder
# (.NAME.tmpXXXXXX, a day old) are removed, fresh ones and other users'
# ones are kept.  Another user's files are made by root (chown to 65534),
# which is how CI runs; as another user, the owner is root's /etc/passwd.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
KB="--kb $SOEM_KB_DIR"
CALC="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
D="$T/shared"
mkdir -p "$D"
chmod 1777 "$D"
only_orig() {
	[ "$(ls -A "$D" | tr '\n' ' ')" = "$1" ] ||
		fail "files in the folder: $(ls -A "$D" | tr '\n' ' '), expected: $1"
	CHECKS=$((CHECKS + 1))
}

# another user's report, 0666 in a world-writable folder
if [ "$(id -u)" = 0 ]; then
	printf 'theirs\n' >"$D/report.txt"
	chmod 666 "$D/report.txt"
	chown 65534:65534 "$D/report.txt"
	who="(uid 65534)"
	theirs="$D/report.txt"
else
	theirs=/etc/passwd
	who="(uid 0)"
fi
sum0=$(cksum <"$theirs")
expect_exit 73 "$SOEM_BIN" calc $KB "$CALC" --format text -o "$theirs"
expect_in "$ERR" "$theirs: cannot save: the file belongs to"
expect_in "$ERR" "$who, and saving would replace it with a file of yours; save under another name"
CHECKS=$((CHECKS + 1))
[ "$(cksum <"$theirs")" = "$sum0" ] || fail "another user's file was replaced"
[ "$(id -u)" = 0 ] && only_orig "report.txt "

# a write-protected file of one's own (root's access() would say yes)
rm -f "$D/report.txt"
printf 'mine\n' >"$D/mine.txt"
chmod 444 "$D/mine.txt"
expect_exit 73 "$SOEM_BIN" calc $KB "$CALC" --format text -o "$D/mine.txt"
expect_in "$ERR" "$D/mine.txt: cannot save: the file is write-protected (mode 444); save under another name, or make it writable first"
CHECKS=$((CHECKS + 1))
[ "$(cat "$D/mine.txt")" = mine ] || fail "a write-protected file was replaced"
only_orig "mine.txt "

# one's own file 0644 is replaced and keeps its mode
chmod 644 "$D/mine.txt"
expect_exit 0 "$SOEM_BIN" calc $KB "$CALC" --format text -o "$D/mine.txt"
expect_in "$D/mine.txt" "Housing First"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a "$D/mine.txt")" = 644 ] || fail "mode $(stat -c %a "$D/mine.txt")"

# left by killed saves: a day-old one of ours goes, the rest stays
head -c 31040 /dev/zero >"$D/.old.soem.yaml.tmpAb3dE9"
head -c 100 /dev/zero >"$D/.mine.txt.tmpZZZZZZ"
touch -d '2 days ago' "$D/.old.soem.yaml.tmpAb3dE9" "$D/.mine.txt.tmpZZZZZZ"
head -c 100 /dev/zero >"$D/.fresh.txt.tmpQwErTy"
touch -d '2 hours ago' "$D/.fresh.txt.tmpQwErTy"
head -c 100 /dev/zero >"$D/.notours.tmp12"        # not our pattern
touch -d '2 days ago' "$D/.notours.tmp12"
ln -s /etc/passwd "$D/.link.txt.tmpLiNkOo"        # a link, not a file
keep=".fresh.txt.tmpQwErTy .link.txt.tmpLiNkOo .notours.tmp12 "
if [ "$(id -u)" = 0 ]; then
	head -c 100 /dev/zero >"$D/.other.txt.tmpOtHeR1"
	touch -d '2 days ago' "$D/.other.txt.tmpOtHeR1"
	chown 65534:65534 "$D/.other.txt.tmpOtHeR1"
	keep=".fresh.txt.tmpQwErTy .link.txt.tmpLiNkOo .notours.tmp12 .other.txt.tmpOtHeR1 "
fi
expect_exit 0 "$SOEM_BIN" calc $KB "$CALC" --format text -o "$D/new.txt"
only_orig "${keep}mine.txt new.txt "
finish
