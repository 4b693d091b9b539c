// libc pieces Swift's Glibc module does not surface: wcwidth (declared only
// under _XOPEN_SOURCE), the locale codeset query, and Linux's sync_file_range and
// memmem (declared only under _GNU_SOURCE). Header-only: libc links.
#ifndef TROVE_CLIBC_SHIM_H
#define TROVE_CLIBC_SHIM_H

#include <langinfo.h>
#include <locale.h>
#include <stddef.h>
#include <sys/types.h>
#include <wchar.h>

extern int wcwidth(wchar_t c);
extern int sync_file_range(int fd, off_t offset, off_t count, unsigned int flags);
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

/// The codeset name of the current LC_CTYPE locale, e.g. "UTF-8" or "ANSI_X3.4-1968".
static inline const char *trove_locale_codeset(void) {
    return nl_langinfo(CODESET);
}

/// Asks the kernel to start writing the file's dirty pages to disk, and returns without waiting for
/// them (sync_file_range with SYNC_FILE_RANGE_WRITE over the whole file): 0, or -1 with errno set.
static inline int trove_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */);
}

#endif
