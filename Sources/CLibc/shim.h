// libc pieces Swift's Glibc module does not surface: wcwidth (declared only
// under _XOPEN_SOURCE) and the locale codeset query. Header-only: libc links.
#ifndef TROVE_CLIBC_SHIM_H
#define TROVE_CLIBC_SHIM_H

#include <langinfo.h>
#include <locale.h>
#include <stddef.h>
#include <wchar.h>

extern int wcwidth(wchar_t c);

/// The codeset name of the current LC_CTYPE locale, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *trove_locale_codeset(void) {
    return nl_langinfo(CODESET);
}

#endif
