import CSearchTokens
import GRDB

/// Lets the writer's connection index texts with tokens computed on the reading thread
/// (``SearchTokenizer``): a tokenizer registered on the connection under the name `message_fts` declares,
/// `unicode61`, which FTS5 finds before its own. It tokenizes exactly as SQLite's `unicode61` does,
/// except that while entries are armed (``replaying(_:on:_:)``), a document whose length and hash match
/// the next entry gets the entry's tokens: the index holds the same bytes either way.
enum SearchTokenReplay {
    /// Registers the replaying tokenizer on `db`, before any statement uses `message_fts` there.
    static func register(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { return }
        let code = trove_token_replay_register(connection)
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: "cannot register the search token replay")
        }
    }

    /// Runs `body` with `entries` (``SearchTokenizer``'s, of the texts `body` indexes, in the order it
    /// indexes them) armed on `db`; a text without a matching entry is tokenized as usual. Returns how
    /// many texts got their entry's tokens.
    @discardableResult
    static func replaying(_ entries: [UInt8], on db: Database, _ body: () throws -> Void) rethrows -> Int {
        guard !entries.isEmpty, let connection = db.sqliteConnection else {
            try body()
            return 0
        }
        return try entries.withUnsafeBufferPointer { bytes in
            trove_token_replay_arm(connection, bytes.baseAddress, bytes.count)
            do {
                try body()
            } catch {
                trove_token_replay_disarm(connection)
                throw error
            }
            return trove_token_replay_disarm(connection)
        }
    }
}
