/// An import run that started and has not finished, and that no later run of the same files finished:
/// still running in some process (``isRunning``), or interrupted (killed, stopped by Ctrl-C, failed),
/// in which case what it committed is whole (each batch is one transaction) and running the same import
/// again completes it. `trove check` notes each one, on both backends (``StoreCheckSQL/unfinishedImports``).
public struct UnfinishedImport: Sendable, Hashable {
    /// The run's id in `import_run`.
    public var run: Int64
    /// When the run started (`import_run.started_at`).
    public var startedAt: String
    /// The files the run read, as it was given them (`import_run.files`).
    public var files: [String]
    /// Whether the run's process still holds the run's lock (a lock file's `flock` on SQLite, a session
    /// advisory lock on PostgreSQL), which it lets go when it ends, however it ends.
    public var isRunning: Bool

    public init(run: Int64, startedAt: String, files: [String], isRunning: Bool = false) {
        self.run = run
        self.startedAt = startedAt
        self.files = files
        self.isRunning = isRunning
    }

    /// The run of a row of ``StoreCheckSQL/unfinishedImports``; `files` is the column's JSON array
    /// (a value that is not one reads as no files).
    public init(run: Int64, startedAt: String, filesJSON: String) {
        let files = (try? JSONParser.parse(Array(filesJSON.utf8)))?.arrayValue?.compactMap(\.stringValue)
        self.init(run: run, startedAt: startedAt, files: files ?? [])
    }
}

extension [UnfinishedImport] {
    /// The runs with ``UnfinishedImport/isRunning`` set by `isRunning`, less those that finished after
    /// the snapshot they were read from: a run lets its lock go just after it records its end, and one
    /// that ended between the snapshot and the probe is neither running nor interrupted.
    ///
    /// - parameter finished: the runs among those given that are finished now, read after the probes
    ///   (``StoreCheckSQL/finishedImports(among:)``).
    public func probed(isRunning: (Int64) throws -> Bool, finished: ([Int64]) throws -> Set<Int64>) rethrows
        -> [UnfinishedImport]
    {
        var runs = self
        for index in runs.indices { runs[index].isRunning = try isRunning(runs[index].run) }
        let stopped = runs.filter { !$0.isRunning }.map(\.run)
        let ended = stopped.isEmpty ? [] : try finished(stopped)
        return runs.filter { $0.isRunning || !ended.contains($0.run) }
    }
}
