/* i18n.h - gettext macros.  Include after config.h. */
#ifndef SOEM_I18N_H
#define SOEM_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#define P_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s) (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#define gettext(s) (s)
#endif
#define N_(s) (s)

#endif
