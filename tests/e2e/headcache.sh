#!/bin/sh
# The cache of profile headers (issue 18): the wizard's start keeps the
# headers in $XDG_CACHE_HOME/soem/kb-heads (here the test's own HOME's
# ~/.cache: nothing of the developer's is read), 0600 in a 0700 folder;
# a profile file changed in place, with its size and even its time stamp
# kept, shows its new header at the next start: the cache is never
# trusted over the YAML.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

mkdir -p "$WORK/kb"
sed -e 's/^  id: dk$/  id: odense/' "$SOEM_KB_DIR/dk.yaml" >"$WORK/kb/odense.yaml"
chmod u+w "$WORK/kb/odense.yaml"
# an hour old: a file changed a moment ago is not cached yet
touch -d "@$(($(date +%s) - 3600))" "$WORK/kb/odense.yaml"
touch -r "$WORK/kb/odense.yaml" "$T/stamp"
SOEM_KB_DIR="$WORK/kb"
C="$TH/.cache/soem"

# Starts soem, opens the profile list and checks that odense shows
# version V (and not version OLD); quits.
offers() { # V [OLD]
	soem_start
	wait_for "What would you like to do?"
	keys Enter
	wait_for "Which knowledge database"
	wait_for "(odense, version $1)"
	check 'screen_has "(dk, version 2026.3)"' "dk is not offered"
	[ $# -lt 2 ] || check '! screen_has "(odense, version $2)"' \
		"odense's old header ($2) is shown"
	keys Escape
	wait_gone "Which knowledge database"
	keys C-q
	wait_for "__EXIT=0"
}

offers 2026.3
check '[ -f "$C/kb-heads" ]' "no cache in \$XDG_CACHE_HOME/soem (~/.cache/soem)"
check '[ "$(stat -c %a "$C")" = 700 ]' "the cache folder is not 0700"
check '[ "$(stat -c %a "$C/kb-heads")" = 600 ]' "the cache file is not 0600"
check 'grep -q "odense" "$C/kb-heads"' "odense's header is not in the cache"
cp "$C/kb-heads" "$T/cache1"

# a second start uses it (nothing to write)
offers 2026.3
check 'cmp -s "$C/kb-heads" "$T/cache1"' "the cache was rewritten without a change"

# changed in place: the same file (inode), size and modification time
sed -e 's/^  version: "2026.3"$/  version: "2026.9"/' "$WORK/kb/odense.yaml" >"$T/new.yaml"
check '[ "$(wc -c <"$T/new.yaml")" = "$(wc -c <"$WORK/kb/odense.yaml")" ]' "test set-up: the size changed"
cat "$T/new.yaml" >"$WORK/kb/odense.yaml"
touch -r "$T/stamp" "$WORK/kb/odense.yaml"
offers 2026.9 2026.3
check '! cmp -s "$C/kb-heads" "$T/cache1"' "the cache was not rewritten"
# and the new header is cached
cp "$C/kb-heads" "$T/cache2"
offers 2026.9
check 'cmp -s "$C/kb-heads" "$T/cache2"' "the new header is not in the cache"
finish
