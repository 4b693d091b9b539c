import TroveCore

/// Finds or assigns each message text's `message_text` row during one import into PostgreSQL, with
/// the SQLite store's rule (docs/store.md): a context turn's text (prompt, handshake, in-context
/// example, other) and any text of at most 64 bytes is shared (`trajectory_id` NULL, a `text_use` row
/// per trajectory), apart from the same bytes in the other kind of turn; any other text is private
/// to its trajectory.
///
/// Implementation note: a batch's shared texts not met before are looked up in one query by their
/// hashes, not one query each: each round trip to a server costs more than SQLite's lookup.
final class PostgresTextCatalog {
    /// A text this batch stores.
    struct NewText {
        var id: Int64
        var hash: Int64
        var text: String
        var owner: Int64?
        var context: Bool
    }

    private struct Key: Hashable {
        var text: String
        var context: Bool
    }

    private let connection: PostgresConnection
    /// Shared texts met by this import, by hash and text.
    private var known: [Int64: [Key: Int64]] = [:]
    private var knownCount = 0
    private var storeMayHoldUnknownTexts: Bool
    private let capacity = 200_000

    init(_ connection: PostgresConnection) throws {
        self.connection = connection
        storeMayHoldUnknownTexts =
            try connection.execute("SELECT EXISTS (SELECT 1 FROM message_text)").integer(0, 0) == 1
    }

    /// Forgets what this import met; called when a transaction rolls back, so no id outlives its row.
    func forget() {
        known.removeAll()
        knownCount = 0
        storeMayHoldUnknownTexts = true
    }

    private enum Slot {
        case stored(Int64)
        case newPrivate
        case newShared(Key)
    }

    /// Resolves every message of `batch` (trajectories with row ids `rowIDs`): hands `body` each
    /// message's text id, the `text_use` rows, and the texts to insert.
    func resolve(
        _ batch: [PreparedTrajectory], rowIDs: [Int64],
        _ body: ([[Int64]], [(text: Int64, trajectory: Int64)], [NewText]) throws -> Void
    ) throws {
        if storeMayHoldUnknownTexts { try lookUp(batch) }
        var slots: [[Slot]] = []
        var newShared: [Int64: [Key: Int]] = [:]
        var sharedOrder: [(hash: Int64, key: Key)] = []
        var privateCount = 0
        for prepared in batch {
            var row: [Slot] = []
            for (index, message) in prepared.trajectory.messages.enumerated() {
                guard case .shared(let context) = prepared.textSharing[index] else {
                    row.append(.newPrivate)
                    privateCount += 1
                    continue
                }
                let hash = prepared.textHashes[index]
                let key = Key(text: message.text, context: context)
                if let id = known[hash]?[key] {
                    row.append(.stored(id))
                } else {
                    if newShared[hash]?[key] == nil {
                        newShared[hash, default: [:]][key] = sharedOrder.count
                        sharedOrder.append((hash, key))
                    }
                    row.append(.newShared(key))
                }
            }
            slots.append(row)
        }
        // Ids in the order the texts are met, as the SQLite store assigns them.
        let ids = try connection.reserve(privateCount + sharedOrder.count, of: "message_text")
        var next = 0
        var added: [NewText] = []
        added.reserveCapacity(ids.count)
        var sharedIDs = [Int64](repeating: 0, count: sharedOrder.count)
        var textIDs: [[Int64]] = []
        var uses: [(text: Int64, trajectory: Int64)] = []
        for (index, prepared) in batch.enumerated() {
            var row: [Int64] = []
            var used = Set<Int64>()
            for (position, slot) in slots[index].enumerated() {
                let hash = prepared.textHashes[position]
                switch slot {
                case .newPrivate:
                    let id = ids[next]
                    next += 1
                    let message = prepared.trajectory.messages[position]
                    added.append(NewText(id: id, hash: hash, text: message.text, owner: rowIDs[index], context: false))
                    row.append(id)
                case .stored(let id):
                    row.append(id)
                    if used.insert(id).inserted { uses.append((id, rowIDs[index])) }
                case .newShared(let key):
                    let order = newShared[hash]?[key] ?? 0
                    if sharedIDs[order] == 0 {
                        sharedIDs[order] = ids[next]
                        next += 1
                        added.append(
                            NewText(id: sharedIDs[order], hash: hash, text: key.text, owner: nil, context: key.context))
                    }
                    row.append(sharedIDs[order])
                    if used.insert(sharedIDs[order]).inserted { uses.append((sharedIDs[order], rowIDs[index])) }
                }
            }
            textIDs.append(row)
        }
        try body(textIDs, uses, added)
        for (offset, shared) in sharedOrder.enumerated() {
            remember(shared.key, hash: shared.hash, id: sharedIDs[offset])
        }
    }

    /// Reads the stored shared texts whose hashes the batch's shared texts have, into `known`.
    private func lookUp(_ batch: [PreparedTrajectory]) throws {
        var hashes = Set<Int64>()
        for prepared in batch {
            for (index, message) in prepared.trajectory.messages.enumerated() {
                guard case .shared(let context) = prepared.textSharing[index] else { continue }
                let key = Key(text: message.text, context: context)
                if known[prepared.textHashes[index]]?[key] == nil { hashes.insert(prepared.textHashes[index]) }
            }
        }
        guard !hashes.isEmpty else { return }
        let result = try connection.execute(
            """
            SELECT id, hash, text, context FROM message_text
            WHERE trajectory_id IS NULL AND hash IN (SELECT json_array_elements_text($1::json)::bigint)
            """, [.text(JSONWriter.string(.array(hashes.map { .number(String($0)) })))])
        for row in 0..<result.rowCount {
            guard let id = try result.integer(row, 0), let hash = try result.integer(row, 1),
                let text = try result.string(row, 2)
            else { continue }
            remember(Key(text: text, context: try result.integer(row, 3) == 1), hash: hash, id: id)
        }
    }

    private func remember(_ key: Key, hash: Int64, id: Int64) {
        if knownCount >= capacity { forget() }
        if known[hash]?[key] == nil { knownCount += 1 }
        known[hash, default: [:]][key] = id
    }
}
