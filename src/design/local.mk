## src/design/local.mk - included by the top-level Makefile.am.
## Evaluation design (SPEC 2.8) and uncertainty (SPEC 2.7): core sources
## added to libsoem.a, the `soem design` command, and their tests.
