## src/ui/local.mk - included by the top-level Makefile.am.
## The wizard's sources (linked into soem only) and its tests.
UI_SOURCES =
