#ifndef TROVE_CSEARCHTOKENS_H
#define TROVE_CSEARCHTOKENS_H

#include <stddef.h>
#include <sqlite3.h>

/// Tokens of texts computed ahead of an FTS5 insert and replayed to it, so that the tokenizing happens on
/// another thread than the one writing the index.
///
/// An entry holds one text's tokens, exactly as SQLite's own `unicode61 remove_diacritics 2` tokenizer
/// gives them: a 16-byte header (the text's length in bytes and the entry's payload length, two native
/// int32; a 64-bit hash of the text's bytes), then per token its start and end offsets and length (three
/// native int32) and its bytes.

/// A growable byte buffer that entries are appended to.
typedef struct trove_token_buffer {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
} trove_token_buffer;

/// Frees the buffer's bytes and empties it.
void trove_token_buffer_free(trove_token_buffer *buffer);

/// SQLite's own `unicode61` tokenizer with the arguments `remove_diacritics 2`, found on a private
/// in-memory connection; use it from one thread at a time.
typedef struct trove_text_tokenizer trove_text_tokenizer;

/// Opens a tokenizer; NULL when SQLite has no FTS5 or memory ran out.
trove_text_tokenizer *trove_text_tokenizer_open(void);

/// Appends the entry of `text` (`length` bytes) to `out`. Returns SQLITE_OK, or an error code (the
/// buffer then holds no new entry).
int trove_text_tokenizer_append(trove_text_tokenizer *tokenizer, const char *text, int length,
                                trove_token_buffer *out);

void trove_text_tokenizer_close(trove_text_tokenizer *tokenizer);

/// Registers on `db` a tokenizer named `unicode61` that FTS5 finds before its own (for tables created
/// or first used on `db` afterwards): it tokenizes as the real one, except while entries are armed.
int trove_token_replay_register(sqlite3 *db);

/// Arms the replay on `db` with `count` bytes of entries at `entries` (kept, not copied, until
/// disarmed): each document FTS5 tokenizes on `db` for a table declared `unicode61 remove_diacritics 2`
/// whose length and hash match the next entry gets the entry's tokens; any other is tokenized for real
/// and leaves the entries where they were. Returns 0 when `db` has no replaying tokenizer (nothing armed).
int trove_token_replay_arm(sqlite3 *db, const unsigned char *entries, size_t count);

/// Disarms the replay on `db`; returns how many documents were replayed since it was armed.
long trove_token_replay_disarm(sqlite3 *db);

#endif
