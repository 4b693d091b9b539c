// libzstd, for reading zstd-compressed inputs (RecordReader).
#ifndef TROVE_CZSTD_SHIM_H
#define TROVE_CZSTD_SHIM_H

#include <zstd.h>

#endif
