#ifndef TROVE_CSQLITECONFIG_H
#define TROVE_CSQLITECONFIG_H

/// Sets SQLite's process-wide options before its first use: connections without a mutex of their own
/// (SQLITE_CONFIG_MULTITHREAD: GRDB never uses one connection from two threads at once) and no memory
/// statistics (SQLITE_CONFIG_MEMSTATUS 0: an allocation then takes no global mutex). Returns SQLITE_OK,
/// or SQLITE_MISUSE when SQLite was already in use in this process (its options then stay as they were).
int trove_sqlite_configure(void);

#endif
