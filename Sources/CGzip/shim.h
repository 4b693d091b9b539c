// zlib, for reading gzip-compressed inputs (RecordReader).
#ifndef TROVE_CZLIB_SHIM_H
#define TROVE_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro; Swift sees only functions.
static inline int trove_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

#endif
