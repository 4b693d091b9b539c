import GRDB
import TroveCore

/// Finds or stores each message text in `message_text` during one import, so
/// every distinct text is stored (and indexed for search) once.
///
/// Implementation note: texts that recur are the structural turns (prompt,
/// handshake, in-context example, system) and short texts ("Nothing happens.",
/// "[]"); only those are looked up, first in memory among the texts this import
/// has already met, then in the store when it held texts before the import. A
/// step's thought or a long observation is almost never seen twice, and looking
/// each up cost more than the rare duplicate it would save.
final class MessageTextCatalog {
    /// Texts met by this import, by hash; a hash collision keeps both texts.
    private var known: [Int64: [(id: Int64, text: String)]] = [:]
    private var knownCount = 0
    /// Whether `message_text` had rows before this import began; a fresh store needs no lookups.
    private let storeHadTexts: Bool
    /// Bounds memory on imports with millions of distinct short texts; prompts come back right away.
    private static let capacity = 200_000
    private static let shortText = 64

    init(_ db: Database) throws {
        storeHadTexts = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_text)") ?? false
    }

    /// The id of `text`, inserting it when it is new.
    func id(of text: String, hash: Int64, turn: TurnKind, db: Database) throws -> Int64 {
        let recurs =
            turn == .prompt || turn == .handshake || turn == .example || turn == .other
            || text.utf8.count <= Self.shortText
        guard recurs else { return try insert(text, hash: hash, db: db) }
        if let match = known[hash]?.first(where: { $0.text == text }) { return match.id }
        if storeHadTexts {
            let lookup = try BulkStatement(db, sql: "SELECT id FROM message_text WHERE hash = ? AND text = ?")
            lookup.bind(1, hash)
            lookup.bind(2, text)
            if let id = try lookup.firstInteger() {
                remember(text, hash: hash, id: id)
                return id
            }
        }
        let id = try insert(text, hash: hash, db: db)
        remember(text, hash: hash, id: id)
        return id
    }

    /// Forgets what this import met; called when a transaction rolls back, so no id outlives its row.
    func forget() {
        known.removeAll()
        knownCount = 0
    }

    private func insert(_ text: String, hash: Int64, db: Database) throws -> Int64 {
        let insert = try BulkStatement(db, sql: "INSERT INTO message_text (hash, text) VALUES (?, ?)")
        insert.bind(1, hash)
        insert.bind(2, text)
        try insert.run()
        return db.lastInsertedRowID
    }

    private func remember(_ text: String, hash: Int64, id: Int64) {
        if knownCount >= Self.capacity { forget() }
        known[hash, default: []].append((id, text))
        knownCount += 1
    }
}
