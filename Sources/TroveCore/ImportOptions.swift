/// Choices for one import, into either store backend (TroveStore's `TrajectoryImporter`, TrovePostgres'
/// `PostgresImporter`).
public struct ImportOptions {
    /// How records become trajectories (`--task`, `--rewards`, `--reward`).
    public var codec: TrajectoryCodec.Options
    /// Replace stored trajectories whose bytes differ (`--replace`); a backend that cannot says so
    /// before reading anything.
    public var replace: Bool
    /// Records per transaction.
    public var batchSize: Int
    /// How archives of records (Inspect `.eval` logs) are told and opened; nil for the backend's own
    /// (the SQLite importer reads `.eval` logs, the PostgreSQL importer no archive unless given one).
    public var archives: RecordArchiveOpener?
    /// Called once the run is recorded in `import_run`, with its id, before any record is read.
    public var onRunStarted: (Int64) -> Void
    /// Called for each rejected record, in input order.
    public var onReject: (RecordRejection, RawRecord) -> Void
    /// Called after each committed batch.
    public var onProgress: (ImportProgress) -> Void
    /// Asked between batches and while the import waits for its reader: once true, the import commits
    /// what it holds and returns with ``ImportSummary/interrupted`` set, leaving its run unfinished
    /// (`trove import` answers Ctrl-C so, through ``ImportInterruption``).
    public var isInterrupted: () -> Bool

    public init(
        codec: TrajectoryCodec.Options = .init(), replace: Bool = false, batchSize: Int = 2000,
        archives: RecordArchiveOpener? = nil,
        onRunStarted: @escaping (Int64) -> Void = { _ in },
        onReject: @escaping (RecordRejection, RawRecord) -> Void = { _, _ in },
        onProgress: @escaping (ImportProgress) -> Void = { _ in },
        isInterrupted: @escaping () -> Bool = { false }
    ) {
        self.codec = codec
        self.replace = replace
        self.batchSize = batchSize
        self.archives = archives
        self.onRunStarted = onRunStarted
        self.onReject = onReject
        self.onProgress = onProgress
        self.isInterrupted = isInterrupted
    }
}
