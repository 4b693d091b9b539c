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
