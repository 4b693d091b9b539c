/// What an import did, file by file and in total.
public struct ImportSummary: Sendable, Hashable {
    /// A record whose id was already stored with different bytes, left alone.
    public struct Conflict: Sendable, Hashable {
        public var id: String
        public var location: SourceLocation

        public init(id: String, location: SourceLocation) {
            self.id = id
            self.location = location
        }
    }

    /// Records read from the inputs (stored, skipped, conflicting or rejected).
    public var read = 0
    /// New trajectories stored.
    public var added = 0
    /// Records identical to what was stored under their id.
    public var skipped = 0
    /// Records that replaced a stored trajectory (`--replace`).
    public var replaced = 0
    /// Identical records whose unknown environment reward this import's `--reward` or `--rewards`
    /// (or the record's final observation) filled in.
    public var rewardsSet = 0
    /// Identical records whose known environment reward differs from the `--reward` this import gave
    /// them (they carry none of their own): the stored reward was kept, as a known one always is.
    public var rewardsKept = 0
    /// Identical records whose `unknown` task this import's `--task` filled in.
    public var tasksSet = 0
    /// Records stored (added or replaced) as plain ``Dialect/chat``: not agent data.
    public var chat = 0
    /// Records stored (added or replaced) flagged ``QualityFlag/badEncoding``: their text holds U+FFFD.
    public var badEncoding = 0
    /// Records whose id was stored with other bytes and were left alone.
    public var conflicts: [Conflict] = []
    /// How many records were rejected as malformed.
    public var rejectedCount = 0
    /// Input bytes read.
    public var bytes = 0
    /// The import run's id in `import_run`.
    public var runID: Int64 = 0
    /// Compressed files that ended before their stream did
    /// (``RecordReadError/truncated(path:line:offset:)``), in input order: the records before each cut
    /// were imported.
    public var truncated: [RecordReadError] = []
    /// Files that hold no JSON text (``RecordReadError/notJSONText(path:reason:)``: binary data, UTF-16),
    /// in input order: nothing was imported from them.
    public var notJSON: [RecordReadError] = []
    /// Files read to their end that held no record (empty, or only white space), in input order.
    public var emptyFiles: [String] = []
    /// Whether the import stopped early when asked to (``ImportOptions/isInterrupted``): what it
    /// committed is whole, and the run is left unfinished for the same import to complete.
    public var interrupted = false

    public init() {}

    /// True when every record was stored, skipped or replaced, and every file read whole.
    public var isClean: Bool { rejectedCount == 0 && conflicts.isEmpty && truncated.isEmpty && notJSON.isEmpty }

    /// Counts what the reader says of a file: its bytes, and whether it held no record.
    public mutating func countFile(path: String, bytes: Int, records: Int) {
        self.bytes += bytes
        if records == 0 { emptyFiles.append(path) }
    }

    /// Counts a file the reader did not read to its end (``ImportPipeline/Item/truncated(_:bytes:)``),
    /// after `bytes` read from it: cut short (`truncation` is ``RecordReadError/truncated(path:line:offset:)``)
    /// or no JSON text at all (``RecordReadError/notJSONText(path:reason:)``).
    public mutating func countTruncated(_ truncation: RecordReadError, bytes: Int) {
        self.bytes += bytes
        if case .notJSONText = truncation {
            notJSON.append(truncation)
        } else {
            truncated.append(truncation)
        }
    }
}

extension ImportSummary {
    /// Counts a record stored (added or replaced) by its kind: plain chat, text with U+FFFD.
    public mutating func countKind(of prepared: PreparedTrajectory) {
        if prepared.dialect == .chat { chat += 1 }
        if prepared.flags.contains(.badEncoding) { badEncoding += 1 }
    }
}
