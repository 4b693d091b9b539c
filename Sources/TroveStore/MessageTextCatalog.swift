import Foundation
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
///
/// Implementation note: the texts met are kept end to end in one byte buffer, each named by a 32-byte
/// entry, rather than as a `String` in an array per hash (two allocations a text, about 180 bytes besides
/// its own): the 200,000 texts of 47 bytes (`trove synth`) a 1 GB import remembers take about 20 MB so
/// instead of about 40 MB.
///
/// Implementation note: the catalog's buffers are marked `@exclusivity(unchecked)`: one import's writer uses
/// them and no two accesses overlap, and the runtime's check on every text met cost the writer 1.2% of its
/// instructions (callgrind, 10 MB).
final class MessageTextCatalog {
    /// The first entry met under each hash; a hash collision chains the entries through ``Entry/next``.
    @exclusivity(unchecked) private var firstEntry: [Int64: Int32] = [:]
    @exclusivity(unchecked) private var entries: [Entry] = []
    /// The UTF-8 bytes of the texts met, end to end.
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    /// Whether the store may hold a shared text this catalog has not met: it had texts before this
    /// import began, or the catalog forgot what it met. A fresh store needs no lookups.
    private var storeMayHoldUnknownTexts: Bool
    /// Bounds memory on imports with millions of distinct short texts; prompts come back right away.
    private let capacity: Int
    /// Bounds the bytes of the texts met, for imports whose shared prompts are long.
    private let byteCapacity: Int
    /// Uses of shared texts not yet written to `text_use`, as (text id, trajectory id).
    ///
    /// Implementation note: a batch's uses land all over `text_use` (keyed by text, then trajectory); written
    /// together in key order at the end of a batch, each of its pages is visited once, which took a fifth off
    /// the table's insert time (1.31 → 1.05 s of CPU for the uses of 200 MB of `trove synth`).
    @exclusivity(unchecked) private var pendingUses: [(text: Int64, trajectory: Int64)] = []

    init(_ db: Database, capacity: Int = 200_000, byteCapacity: Int = 16 << 20) throws {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        storeMayHoldUnknownTexts = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_text)") ?? false
    }

    /// The id of `text` as message of `trajectory` (a row id), stored as `sharing` says, inserting the
    /// text when it is new.
    ///
    /// A context turn's text (prompt, handshake, in-context example, other) is shared apart from the same
    /// bytes in a trajectory's own turns, so that search can tell the two (`message_text.context`). The use
    /// of a shared text reaches `text_use` with the next ``writeUses(into:)``.
    func id(
        of text: String, hash: Int64, sharing: TextSharing, trajectory: Int64, statements: ImportStatements
    ) throws -> Int64 {
        guard case .shared(let context) = sharing else {
            return try insert(text, hash: hash, owner: trajectory, context: false, statements: statements)
        }
        let id = try sharedID(of: text, hash: hash, context: context, statements: statements)
        pendingUses.append((id, trajectory))
        return id
    }

    /// Writes the uses of shared texts met since the last call, in `text_use`'s key order. Called at the end
    /// of each transaction and before a trajectory's uses are deleted (a record replaced in the transaction
    /// that added it).
    func writeUses(into textUse: MultiRowInsert) throws {
        guard !pendingUses.isEmpty else { return }
        pendingUses.sort { ($0.text, $0.trajectory) < ($1.text, $1.trajectory) }
        var previous: (text: Int64, trajectory: Int64)?
        for use in pendingUses where previous.map({ $0 != use }) ?? true {
            textUse.add(.integer(use.text))
            textUse.add(.integer(use.trajectory))
            try textUse.endRow()
            previous = use
        }
        try textUse.flush()
        pendingUses.removeAll(keepingCapacity: true)
    }

    private func sharedID(of text: String, hash: Int64, context: Bool, statements: ImportStatements) throws -> Int64 {
        if let id = knownID(of: text, hash: hash, context: context) { return id }
        if storeMayHoldUnknownTexts {
            // The lookup reads the table: texts this batch inserted must be in it.
            try statements.text.flush()
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
        firstEntry.removeAll()
        entries.removeAll()
        bytes.removeAll()
        storeMayHoldUnknownTexts = true
    }

    private func insert(
        _ text: String, hash: Int64, owner: Int64?, context: Bool, statements: ImportStatements
    ) throws -> Int64 {
        let id = statements.newTextID(for: text)
        statements.text.add(.integer(id))
        statements.text.add(.integer(hash))
        statements.text.add(.text(text))
        statements.text.add(.init(owner))
        statements.text.add(.integer(context ? 1 : 0))
        try statements.text.endRow()
        return id
    }

    private func knownID(of text: String, hash: Int64, context: Bool) -> Int64? {
        var next = firstEntry[hash] ?? -1
        var text = text
        return text.withUTF8 { utf8 in
            while next >= 0 {
                let entry = entries[Int(next)]
                if entry.context == context, entry.count == utf8.count,
                    entry.count == 0
                        || bytes.withUnsafeBufferPointer({
                            memcmp($0.baseAddress! + entry.start, utf8.baseAddress!, entry.count) == 0
                        })
                {
                    return entry.id
                }
                next = entry.next
            }
            return nil
        }
    }

    private func remember(_ text: String, hash: Int64, context: Bool, id: Int64) {
        let count = text.utf8.count
        if entries.count >= capacity || bytes.count + count > byteCapacity { forgetTexts() }
        // A text longer than the whole budget is looked up in the store each time it recurs.
        guard count <= byteCapacity else { return }
        entries.append(
            Entry(start: bytes.count, count: count, id: id, next: firstEntry[hash] ?? -1, context: context))
        firstEntry[hash] = Int32(entries.count - 1)
        bytes.append(contentsOf: text.utf8)
    }

    /// Where a text met lies in ``bytes``, its row id, and the next entry with the same hash (-1: none).
    private struct Entry {
        var start: Int
        var count: Int
        var id: Int64
        var next: Int32
        var context: Bool
    }
}
