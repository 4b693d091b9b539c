/// A pool of examples to sample for a mix: records in files (by position) or
/// trajectories in the store (by id).
///
/// ```swift
/// let general = try MixPool(files: ["sharegpt.json"]) { print("\($0) (left out of the mix)") }
/// let example = try general.example(at: 0)
/// ```
public struct MixPool {
    private enum Backing {
        case files(RecordIndex)
        case store(any ExportSource, [String], String)
    }

    private let backing: Backing
    private let codec = TrajectoryCodec()
    /// The ids of the examples left out of the pool for having nothing to train on in the mix's format
    /// (``ExportRecordWriter/trainsNothing(_:)``), in file order: a mix draws only examples it writes, so
    /// that its counts and ratio are the ones planned.
    public let leftOutEmpty: [String]

    /// Indexes the files; a record that does not decode is left out and passed to `leftOut`, and one with
    /// nothing to train on in `format` is left out and named in ``leftOutEmpty``.
    ///
    /// - throws: ``RecordReadError`` when a file cannot be opened or read.
    public init(files: [String], format: ExportFormat = .agentinstruct, leftOut: (any Error) -> Void)
        throws(RecordReadError)
    {
        let codec = codec
        let writer = ExportRecordWriter(format: format)
        var empty: [String] = []
        backing = .files(
            try RecordIndex(paths: files) { record, path in
                do {
                    let trajectory = try codec.decode(record, file: path)
                    guard !writer.trainsNothing(trajectory) else {
                        empty.append(trajectory.id)
                        return false
                    }
                    return true
                } catch {
                    leftOut(error)
                    return false
                }
            })
        leftOutEmpty = empty
    }

    /// The trajectories with `ids` in `store`, named `source` in the manifest; `leftOutEmpty` names those
    /// the selection left out for having nothing to train on
    /// (``TrajectoryExporter/writtenTrajectories(matching:policy:writer:)``).
    public init(store: any ExportSource, ids: [String], source: String, leftOutEmpty: [String] = []) {
        backing = .store(store, ids, source)
        self.leftOutEmpty = leftOutEmpty
    }

    /// How many examples the pool holds.
    public var count: Int {
        switch backing {
        case .files(let index): index.count
        case .store(_, let ids, _): ids.count
        }
    }

    /// The file (or the store) the example at `position` comes from.
    public func source(of position: Int) -> String {
        switch backing {
        case .files(let index): index.path(of: position)
        case .store(_, _, let path): path
        }
    }

    /// One example as a mix writes it: the trajectory, its review and its decided turn labels (none for
    /// a file's record), which the writer applies as an export does.
    public struct Example {
        public var trajectory: Trajectory
        public var label: ReviewLabel?
        public var turns: [TurnLabel]
    }

    /// The example at `position`, with its review and turn labels when it comes from the store.
    public func example(at position: Int) throws -> Example {
        switch backing {
        case .files(let index):
            let record = try index.record(at: position)
            return Example(trajectory: try codec.decode(record, file: index.path(of: position)), label: nil, turns: [])
        case .store(let store, let ids, _):
            guard let stored = try store.trajectory(id: ids[position], verifyingBytes: true) else {
                throw MixPoolError.vanished(ids[position])
            }
            return Example(trajectory: stored.trajectory, label: stored.label, turns: stored.turns)
        }
    }
}
