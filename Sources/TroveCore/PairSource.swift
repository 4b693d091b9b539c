/// Where `trove export --format dpo` takes its pairs from (`--pairs`).
public enum PairSource: String, Sendable, Hashable, CaseIterable {
    /// A kept and a dispreferred run of one task group (``PreferencePair/init(chosen:rejected:)``).
    case runs
    /// A reviewer's corrected turn against the turn as imported (``PreferencePair/corrections(of:turns:)``).
    case edits
    /// Both.
    case both

    /// Whether pairs of runs are written.
    public var includesRuns: Bool { self != .edits }
    /// Whether pairs of corrected turns are written.
    public var includesEdits: Bool { self != .runs }
}
