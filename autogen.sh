#!/bin/sh
# Bootstraps the build system from a fresh clone (configure, Makefile.in
# and the gettext infrastructure are generated, never committed).
set -e
cd "$(dirname "$0")"
autoreconf --force --install
