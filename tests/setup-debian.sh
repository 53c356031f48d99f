#!/bin/sh
# Installs, as root on Debian 12, every package soem needs to build,
# run and test.  The README's two commands and .ci/run call this.
set -e
export DEBIAN_FRONTEND=noninteractive
PKGS="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libyaml-dev libiniparser-dev libcmocka-dev
tmux screen groff-base groff mandoc valgrind python3 python3-yaml git ca-certificates
chromium
clang libclang-rt-14-dev dialog"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi
