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
    /// Uses of shared texts not yet written to `text_use`, as (text id, trajectory id).
    ///
    /// Implementation note: a batch's uses land all over `text_use` (keyed by text, then trajectory); written
    /// together in key order at the end of a batch, each of its pages is visited once, which took a fifth off
    /// the table's insert time (1.31 → 1.05 s of CPU for the uses of 200 MB of `trove synth`).
    private var pendingUses: [(text: Int64, trajectory: Int64)] = []

    init(_ db: Database, capacity: Int = 200_000) throws {
        self.capacity = capacity
        storeMayHoldUnknownTexts = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_text)") ?? false
    }

    /// The id of `text` as message of `trajectory` (a row id), inserting the text when it is new.
    ///
    /// A context turn's text (prompt, handshake, in-context example, other) is shared apart from the same
    /// bytes in a trajectory's own turns, so that search can tell the two (`message_text.context`). The use
    /// of a shared text reaches `text_use` with the next ``writeUses(_:)``.
    func id(of text: String, hash: Int64, turn: TurnKind, trajectory: Int64, statements: ImportStatements) throws
        -> Int64
    {
        let context = turn == .prompt || turn == .handshake || turn == .example || turn == .other
        guard context || text.utf8.count <= Self.shortText else {
            return try insert(text, hash: hash, owner: trajectory, context: false, statements: statements)
        }
        let id = try sharedID(of: text, hash: hash, context: context, statements: statements)
        pendingUses.append((id, trajectory))
        return id
    }

    /// Writes the uses of shared texts met since the last call, in `text_use`'s key order. Called at the end
    /// of each batch and before a trajectory's uses are deleted (a record replaced in the batch that added it).
    func writeUses(_ statements: ImportStatements) throws {
        guard !pendingUses.isEmpty else { return }
        pendingUses.sort { ($0.text, $0.trajectory) < ($1.text, $1.trajectory) }
        var previous: (text: Int64, trajectory: Int64)?
        for use in pendingUses where previous.map({ $0 != use }) ?? true {
            statements.textUse.bind(1, use.text)
            statements.textUse.bind(2, use.trajectory)
            try statements.textUse.run()
            previous = use
        }
        pendingUses.removeAll(keepingCapacity: true)
    }

    private func sharedID(of text: String, hash: Int64, context: Bool, statements: ImportStatements) throws -> Int64 {
        if let match = known[hash]?.first(where: { $0.text == text && $0.context == context }) { return match.id }
        if storeMayHoldUnknownTexts {
            statements.sharedText.bind(1, hash)
            statements.sharedText.bind(2, text)
            statements.sharedText.bind(3, context ? 1 : 0)
            if let id = try statements.sharedText.firstInteger() {
                remember(text, hash: hash, context: context, id: id)
                return id
            }
        }
        let id = try insert(text, hash: hash, owner: nil, context: context, statements: statements)
        remember(text, hash: hash, context: context, id: id)
        return id
    }

    /// Forgets what this import met and the uses not yet written; called when a transaction rolls back, so
    /// no id outlives its row.
    func forget() {
        forgetTexts()
        pendingUses.removeAll()
    }

    private func forgetTexts() {
        known.removeAll()
        knownCount = 0
        storeMayHoldUnknownTexts = true
    }

    private func insert(
        _ text: String, hash: Int64, owner: Int64?, context: Bool, statements: ImportStatements
    ) throws -> Int64 {
        statements.text.bind(1, hash)
        statements.text.bind(2, text)
        statements.text.bind(3, owner)
        statements.text.bind(4, context ? 1 : 0)
        try statements.text.run()
        return statements.lastInsertedRowID
    }

    private func remember(_ text: String, hash: Int64, context: Bool, id: Int64) {
        if knownCount >= capacity { forgetTexts() }
        known[hash, default: []].append((id, text, context))
        knownCount += 1
    }
}
