/// The outcome of `trove check` on either backend (`Store.check()`, `PostgresStore.check()`): each
/// check run, and every problem found.
public struct StoreCheck: Sendable, Hashable {
    /// One check and what it found.
    public struct Finding: Sendable, Hashable {
        /// What was checked, in words (`SQLite integrity`, `message rows`, …).
        public var check: String
        /// The problems found; empty when the check passed.
        public var problems: [String]
        /// Why the check was not run, when it was not.
        public var skipped: String?

        public init(check: String, problems: [String], skipped: String? = nil) {
            self.check = check
            self.problems = problems
            self.skipped = skipped
        }
    }

    /// Every check, in the order run.
    public var findings: [Finding]
    /// Trajectories in the store.
    public var trajectories: Int
    /// Label events in the store.
    public var labelEvents: Int
    /// Import runs that never finished (killed, interrupted or failed) and that no later run of the
    /// same files completed; their committed batches are whole. Notes, not problems.
    public var unfinishedImports: [UnfinishedImport]

    public init(findings: [Finding], trajectories: Int, labelEvents: Int, unfinishedImports: [UnfinishedImport]) {
        self.findings = findings
        self.trajectories = trajectories
        self.labelEvents = labelEvents
        self.unfinishedImports = unfinishedImports
    }

    /// The problem of a trajectory whose stored steps and flags are not the parse of its corrected turns
    /// as the team policy decides them (``CorrectedParse``), on both backends: a parse left behind, or one
    /// an older trove gave (`trove reparse` writes this one's).
    public static let staleCorrectedParse =
        "its steps and flags are not this trove's parse of its corrected turns as decided (`trove reparse` writes it)"

    /// A table, view, trigger or function of a store's schema, as ``missingObjects(_:found:)`` compares
    /// them.
    public struct SchemaObject: Sendable, Hashable, Comparable {
        /// `table`, `view`, `trigger` or `function`.
        public var kind: String
        public var name: String

        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }

        public static func < (a: Self, b: Self) -> Bool { (a.kind, a.name) < (b.kind, b.name) }
    }

    /// The problems of a store lacking some of the objects its migrations create (`expected`), found
    /// with `found`: one per object missing, by kind then name, worded alike on both backends. A table
    /// or view dropped behind trove's back fails the commands that read it; `trove check` says so first.
    public static func missingObjects(_ expected: Set<SchemaObject>, found: Set<SchemaObject>) -> [String] {
        listed(
            expected.subtracting(found).sorted().map {
                "\($0.kind) \($0.name) is missing (the store's migrations create it; trove reads or keeps it)"
            })
    }

    /// The problem of a message text that is not the text its stored hash was made of (FNV-1a of its
    /// UTF-8 bytes, ``StableHash``): changed after import, behind trove's back. Only a text that may be
    /// shared has a hash stored (``PreparedTrajectory``; a private text's is 0, none), so only those are
    /// checked. `trajectory` is the external id of its trajectory when the text is one trajectory's own,
    /// nil when it is shared.
    public static func alteredText(_ id: Int64, of trajectory: String?) -> String {
        "message_text \(id)\(trajectory.map { " (of \($0))" } ?? " (shared)"): its text does not have the hash "
            + "stored with it (changed after import)"
    }

    /// Whether the UTF-8 bytes of a text have the hash `stored` (how the store keeps a text's FNV-1a
    /// hash: its bit pattern as a signed 64-bit integer).
    public static func hasHash(_ bytes: [UInt8], _ stored: Int64) -> Bool {
        Int64(bitPattern: bytes.withUnsafeBufferPointer(StableHash.fnv1a)) == stored
    }

    /// The most problems one check lists; the rest are counted.
    public static let problemsListed = 20

    /// The first ``problemsListed`` of `all`, and how many more there were.
    public static func listed(_ all: [String]) -> [String] {
        guard all.count > problemsListed else { return all }
        return Array(all.prefix(problemsListed)) + ["… and \(all.count - problemsListed) more"]
    }

    /// Whether every check that ran passed.
    public var isOK: Bool { findings.allSatisfy(\.problems.isEmpty) }
}
