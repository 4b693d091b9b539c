#ifndef TROVE_CSHA256_H
#define TROVE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the SHA extensions (and SSSE3, SSE4.1) that
/// trove_sha256_blocks needs. Always 0 off x86-64.
int trove_sha256_hardware_available(void);

/// Runs SHA-256's compression function over `blocks` 64-byte blocks at `data`,
/// updating `state` (the eight working words, in FIPS 180-4 order). Call only
/// when trove_sha256_hardware_available() returned 1.
void trove_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
