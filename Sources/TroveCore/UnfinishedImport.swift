/// An import run that started and never finished (killed, stopped by Ctrl-C, failed, or still running),
/// and that no later run of the same files finished: what it committed is whole (each batch is one
/// transaction), and running the same import again completes it. `trove check` notes each one, on both
/// backends (``StoreCheckSQL/unfinishedImports``).
public struct UnfinishedImport: Sendable, Hashable {
    /// The run's id in `import_run`.
    public var run: Int64
    /// When the run started (`import_run.started_at`).
    public var startedAt: String
    /// The files the run read, as it was given them (`import_run.files`).
    public var files: [String]

    public init(run: Int64, startedAt: String, files: [String]) {
        self.run = run
        self.startedAt = startedAt
        self.files = files
    }

    /// The run of a row of ``StoreCheckSQL/unfinishedImports``; `files` is the column's JSON array
    /// (a value that is not one reads as no files).
    public init(run: Int64, startedAt: String, filesJSON: String) {
        let files = (try? JSONParser.parse(Array(filesJSON.utf8)))?.arrayValue?.compactMap(\.stringValue)
        self.init(run: run, startedAt: startedAt, files: files ?? [])
    }
}
