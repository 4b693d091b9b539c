#include "csearchtokens.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { header_size = 16, token_header_size = 12 };

static const char *const table_arguments[] = {"remove_diacritics", "2"};
static const int table_argument_count = 2;

void trove_token_buffer_free(trove_token_buffer *buffer) {
    free(buffer->bytes);
    buffer->bytes = NULL;
    buffer->count = 0;
    buffer->capacity = 0;
}

static int buffer_append(trove_token_buffer *buffer, const void *bytes, size_t count) {
    if (buffer->count + count > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->count + count) capacity *= 2;
        unsigned char *grown = realloc(buffer->bytes, capacity);
        if (!grown) return SQLITE_NOMEM;
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->count, bytes, count);
    buffer->count += count;
    return SQLITE_OK;
}

/// A hash of the text's bytes that tells a replayed entry from another text; eight bytes a step, since the
/// writer's thread computes it for every text it indexes.
static uint64_t text_hash(const char *text, int length) {
    uint64_t hash = 0x9E3779B97F4A7C15ull ^ (uint64_t)length;
    int index = 0;
    for (; index + 8 <= length; index += 8) {
        uint64_t word;
        memcpy(&word, text + index, 8);
        hash = (hash ^ word) * 0xff51afd7ed558ccdull;
        hash ^= hash >> 32;
    }
    uint64_t tail = 0;
    if (length > index) memcpy(&tail, text + index, (size_t)(length - index));
    hash = (hash ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return hash ^ (hash >> 29);
}

static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    return api;
}

// MARK: - Tokenizing ahead

struct trove_text_tokenizer {
    sqlite3 *db;
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
};

trove_text_tokenizer *trove_text_tokenizer_open(void) {
    trove_text_tokenizer *tokenizer = calloc(1, sizeof *tokenizer);
    if (!tokenizer) return NULL;
    void *context = NULL;
    fts5_api *api = NULL;
    if (sqlite3_open(":memory:", &tokenizer->db) != SQLITE_OK || !(api = fts5_api_of(tokenizer->db))
        || api->xFindTokenizer(api, "unicode61", &context, &tokenizer->methods) != SQLITE_OK
        || tokenizer->methods.xCreate(context, (const char **)table_arguments, table_argument_count,
                                      &tokenizer->instance) != SQLITE_OK) {
        sqlite3_close(tokenizer->db);
        free(tokenizer);
        return NULL;
    }
    return tokenizer;
}

static int append_token(void *context, int flags, const char *token, int length, int start, int end) {
    (void)flags;
    trove_token_buffer *out = context;
    int32_t header[3] = {start, end, length};
    int code = buffer_append(out, header, sizeof header);
    return code == SQLITE_OK ? buffer_append(out, token, (size_t)length) : code;
}

int trove_text_tokenizer_append(trove_text_tokenizer *tokenizer, const char *text, int length,
                                trove_token_buffer *out) {
    size_t start = out->count;
    int32_t lengths[2] = {length, 0};
    uint64_t hash = text_hash(text, length);
    int code = buffer_append(out, lengths, sizeof lengths);
    if (code == SQLITE_OK) code = buffer_append(out, &hash, sizeof hash);
    if (code == SQLITE_OK)
        code = tokenizer->methods.xTokenize(tokenizer->instance, out, FTS5_TOKENIZE_DOCUMENT, text, length,
                                            append_token);
    if (code != SQLITE_OK) {
        out->count = start;
        return code;
    }
    int32_t payload = (int32_t)(out->count - start - header_size);
    memcpy(out->bytes + start + 4, &payload, sizeof payload);
    return SQLITE_OK;
}

void trove_text_tokenizer_close(trove_text_tokenizer *tokenizer) {
    if (!tokenizer) return;
    tokenizer->methods.xDelete(tokenizer->instance);
    sqlite3_close(tokenizer->db);
    free(tokenizer);
}

// MARK: - Replaying on the writer's connection

/// One per connection: the real tokenizer and the armed entries.
typedef struct replay_context {
    fts5_tokenizer real;
    void *real_context;
    const unsigned char *next;
    const unsigned char *end;
    long replayed;
} replay_context;

typedef struct replay_instance {
    replay_context *context;
    Fts5Tokenizer *real;
    /// Whether the table's arguments are those the entries were made with.
    int replays;
} replay_instance;

static int replay_create(void *context, const char **arguments, int count, Fts5Tokenizer **out) {
    replay_context *replay = context;
    replay_instance *instance = calloc(1, sizeof *instance);
    if (!instance) return SQLITE_NOMEM;
    instance->context = replay;
    int code = replay->real.xCreate(replay->real_context, arguments, count, &instance->real);
    if (code != SQLITE_OK) {
        free(instance);
        return code;
    }
    instance->replays = count == table_argument_count;
    for (int index = 0; instance->replays && index < count; index++)
        instance->replays = strcmp(arguments[index], table_arguments[index]) == 0;
    *out = (Fts5Tokenizer *)instance;
    return SQLITE_OK;
}

static void replay_delete(Fts5Tokenizer *tokenizer) {
    replay_instance *instance = (replay_instance *)tokenizer;
    instance->context->real.xDelete(instance->real);
    free(instance);
}

static int replay_tokenize(Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
                           int (*token)(void *, int, const char *, int, int, int)) {
    replay_instance *instance = (replay_instance *)tokenizer;
    replay_context *replay = instance->context;
    if (instance->replays && flags == FTS5_TOKENIZE_DOCUMENT && replay->next
        && replay->next + header_size <= replay->end) {
        int32_t lengths[2];
        uint64_t hash;
        memcpy(lengths, replay->next, sizeof lengths);
        memcpy(&hash, replay->next + 8, sizeof hash);
        const unsigned char *cursor = replay->next + header_size;
        const unsigned char *entry_end = cursor + lengths[1];
        if (lengths[0] == length && lengths[1] >= 0 && entry_end <= replay->end && hash == text_hash(text, length)) {
            replay->next = entry_end;
            replay->replayed += 1;
            int code = SQLITE_OK;
            while (cursor < entry_end && code == SQLITE_OK) {
                int32_t header[3];
                memcpy(header, cursor, sizeof header);
                code = token(context, 0, (const char *)cursor + token_header_size, header[2], header[0], header[1]);
                cursor += token_header_size + header[2];
            }
            return code == SQLITE_DONE ? SQLITE_OK : code;
        }
    }
    return replay->real.xTokenize(instance->real, context, flags, text, length, token);
}

static replay_context *replay_context_of(sqlite3 *db) {
    fts5_api *api = fts5_api_of(db);
    void *context = NULL;
    fts5_tokenizer methods;
    if (!api || api->xFindTokenizer(api, "unicode61", &context, &methods) != SQLITE_OK) return NULL;
    return methods.xTokenize == replay_tokenize ? context : NULL;
}

int trove_token_replay_register(sqlite3 *db) {
    fts5_api *api = fts5_api_of(db);
    if (!api) return SQLITE_ERROR;
    replay_context *replay = calloc(1, sizeof *replay);
    if (!replay) return SQLITE_NOMEM;
    int code = api->xFindTokenizer(api, "unicode61", &replay->real_context, &replay->real);
    if (code != SQLITE_OK) {
        free(replay);
        return code;
    }
    fts5_tokenizer methods = {replay_create, replay_delete, replay_tokenize};
    code = api->xCreateTokenizer(api, "unicode61", replay, &methods, free);
    if (code != SQLITE_OK) free(replay);
    return code;
}

int trove_token_replay_arm(sqlite3 *db, const unsigned char *entries, size_t count) {
    replay_context *replay = replay_context_of(db);
    if (!replay) return 0;
    replay->next = entries;
    replay->end = entries + count;
    replay->replayed = 0;
    return 1;
}

long trove_token_replay_disarm(sqlite3 *db) {
    replay_context *replay = replay_context_of(db);
    if (!replay) return 0;
    replay->next = NULL;
    replay->end = NULL;
    return replay->replayed;
}
