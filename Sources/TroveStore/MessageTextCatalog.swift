import GRDB
import TroveCore

/// Finds or stores each message text in `message_text` during one import, and
/// records which trajectory uses it, so search can go from a text to its
/// trajectories (docs/store.md).
///
/// Texts that recur are the structural turns (prompt, handshake, in-context
/// example, system) and short texts ("Nothing happens.", "[]"): each distinct one
/// is stored once, shared (`trajectory_id` NULL), with a `text_use` row per
/// trajectory using it. Any other text is private: stored for its trajectory,
/// which `message_text.trajectory_id` names.
///
/// Implementation note: shared texts are looked up first in memory among the
/// texts this import has already met, then in the store when it held texts
/// before the import. A step's thought or a long observation is almost never
/// seen twice, and looking each up cost more than the rare duplicate it would save.
final class MessageTextCatalog {
    /// Texts met by this import, by hash; a hash collision keeps both texts.
    private var known: [Int64: [(id: Int64, text: String, context: Bool)]] = [:]
    private var knownCount = 0
    /// Whether the store may hold a shared text that `known` does not: it had texts before this
    /// import began, or `known` was emptied. A fresh store needs no lookups.
    private var storeMayHoldUnknownTexts: Bool
    /// Bounds memory on imports with millions of distinct short texts; prompts come back right away.
    private let capacity: Int
    private static let shortText = 64

    init(_ db: Database, capacity: Int = 200_000) throws {
        self.capacity = capacity
        storeMayHoldUnknownTexts = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_text)") ?? false
    }

    /// The id of `text` as message of `trajectory` (a row id), inserting the text when it is new.
    ///
    /// A context turn's text (prompt, handshake, in-context example, other) is shared apart from the same
    /// bytes in a trajectory's own turns, so that search can tell the two (`message_text.context`).
    func id(of text: String, hash: Int64, turn: TurnKind, trajectory: Int64, db: Database) throws -> Int64 {
        let context = turn == .prompt || turn == .handshake || turn == .example || turn == .other
        guard context || text.utf8.count <= Self.shortText else {
            return try insert(text, hash: hash, owner: trajectory, context: false, db: db)
        }
        let id = try sharedID(of: text, hash: hash, context: context, db: db)
        let use = try BulkStatement(db, sql: "INSERT OR IGNORE INTO text_use (text_id, trajectory_id) VALUES (?, ?)")
        use.bind(1, id)
        use.bind(2, trajectory)
        try use.run()
        return id
    }

    private func sharedID(of text: String, hash: Int64, context: Bool, db: Database) throws -> Int64 {
        if let match = known[hash]?.first(where: { $0.text == text && $0.context == context }) { return match.id }
        if storeMayHoldUnknownTexts {
            let lookup = try BulkStatement(
                db,
                sql: """
                    SELECT id FROM message_text WHERE hash = ? AND text = ? AND trajectory_id IS NULL AND context = ?
                    """)
            lookup.bind(1, hash)
            lookup.bind(2, text)
            lookup.bind(3, context ? 1 : 0)
            if let id = try lookup.firstInteger() {
                remember(text, hash: hash, context: context, id: id)
                return id
            }
        }
        let id = try insert(text, hash: hash, owner: nil, context: context, db: db)
        remember(text, hash: hash, context: context, id: id)
        return id
    }

    /// Forgets what this import met; called when a transaction rolls back, so no id outlives its row.
    func forget() {
        known.removeAll()
        knownCount = 0
        storeMayHoldUnknownTexts = true
    }

    private func insert(_ text: String, hash: Int64, owner: Int64?, context: Bool, db: Database) throws -> Int64 {
        let insert = try BulkStatement(
            db, sql: "INSERT INTO message_text (hash, text, trajectory_id, context) VALUES (?, ?, ?, ?)")
        insert.bind(1, hash)
        insert.bind(2, text)
        insert.bind(3, owner)
        insert.bind(4, context ? 1 : 0)
        try insert.run()
        return db.lastInsertedRowID
    }

    private func remember(_ text: String, hash: Int64, context: Bool, id: Int64) {
        if knownCount >= capacity { forget() }
        known[hash, default: []].append((id, text, context))
        knownCount += 1
    }
}
