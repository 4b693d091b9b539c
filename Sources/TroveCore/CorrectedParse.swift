/// A trajectory's parse from its texts as the reviewers corrected them: what a store writes back to the
/// trajectory's `steps`, `step_count`, `flags` and `trajectory_flag` after a turn correction, or after
/// undoing or redoing one (docs/store.md). Both backends write the same values.
public struct CorrectedParse: Sendable, Equatable {
    /// The `trajectory.steps` value (``StepCoding/json(_:spansIn:)``).
    public var steps: String
    /// The number of steps (`trajectory.step_count`).
    public var stepCount: Int
    /// The quality flags, sorted (one `trajectory_flag` row each).
    public var flags: [QualityFlag]

    /// Parses `trajectory`, with the decided turn `labels` applied, as the importer parsed it: in
    /// `dialect`, whatever the parser would detect from the corrected texts. `trajectory` holds the texts
    /// as stored, and a step text one of them holds is written as a span of it, as the importer writes
    /// it: with every correction undone, the steps are the imported ones again.
    public init(_ trajectory: Trajectory, dialect: Dialect, labels: [TurnLabel]) {
        let parsed = Self.parse(trajectory, dialect: dialect, labels: labels)
        steps = StepCoding.json(parsed.steps, spansIn: trajectory.messages)
        stepCount = parsed.steps.count
        flags = parsed.flags.sorted()
    }

    /// The parse of `trajectory` with the turn `labels` applied, in `dialect`, as the importer parsed it:
    /// what ``init(_:dialect:labels:)`` writes, as steps.
    public static func parse(_ trajectory: Trajectory, dialect: Dialect, labels: [TurnLabel]) -> ParsedTrajectory {
        var corrected = trajectory.applying(labels)
        corrected.dialect = dialect
        return StepParser.parse(corrected)
    }

    /// The `trajectory.flags` value: the flags' names, comma-separated.
    public var flagsColumn: String { flags.map(\.rawValue).joined(separator: ",") }
}
