#ifndef TROVE_CSQLITECONFIG_H
#define TROVE_CSQLITECONFIG_H

/// The bytes a statement journal holds in memory before SQLite moves it to a temporary file (SQLite's
/// default is 64 KB). A statement that writes several rows and may fail midway journals the pages it
/// changes, and once a transaction's journal spilled, every later statement of that transaction wrote
/// its pages to the file: in an import, a page per sixteen message rows (DECISIONS.md 78).
#define TROVE_STATEMENT_JOURNAL_SPILL (1 << 20)

/// Sets SQLite's process-wide options before its first use: connections without a mutex of their own
/// (SQLITE_CONFIG_MULTITHREAD: GRDB never uses one connection from two threads at once), no memory
/// statistics (SQLITE_CONFIG_MEMSTATUS 0: an allocation then takes no global mutex) and statement
/// journals in memory up to TROVE_STATEMENT_JOURNAL_SPILL. Returns SQLITE_OK, or SQLITE_MISUSE when
/// SQLite was already in use in this process (its options then stay as they were).
int trove_sqlite_configure(void);

#endif
