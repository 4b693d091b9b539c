/// A pool of examples to sample for a mix: records in files (by position) or
/// trajectories in the store (by id).
///
/// ```swift
/// let general = try MixPool(files: ["sharegpt.json"], format: .sharegpt)
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
    /// The ids of the examples whose turns read as an agent's (a tool call, or a dialect's thought and
    /// action grammar: ``StepParser/detectDialect(_:)`` other than chat), in file order: a general pool of
    /// such records would mix agent data in at a ratio other than the one asked for.
    public let agentRuns: [String]
    /// The ids of the records whose id an earlier record of the pool has (a file's byte-identical copy
    /// under another name, a record in two files), in file order: the mix draws them as separate
    /// examples under one id, which a trainer that drops duplicate ids drops, so a mix warns of them.
    public let repeatedIDs: [String]

    /// Indexes the files. Every record must decode, as an import requires: the files are read to the end
    /// and every record that does not is named in the error, by file and line, so no pool is made from
    /// what is left (a mix without those examples would not be the mix asked for). A record with nothing
    /// to train on in `format` (``judge(_:)``) is left out and named in ``leftOutEmpty``.
    ///
    /// - throws: ``MixPoolError/unreadable(_:)`` when a file cannot be opened or read,
    ///   ``MixPoolError/undecodable(_:)`` with every record that does not decode, in file order.
    public init(files: [String], format: ExportFormat = .agentinstruct) throws(MixPoolError) {
        let codec = codec
        let writer = Self.judge(ExportRecordWriter(format: format))
        var empty: [String] = []
        var agent: [String] = []
        var ids: Set<String> = []
        var repeated: [String] = []
        var undecodable: [RecordRejection] = []
        let index: RecordIndex
        do throws(RecordReadError) {
            index = try RecordIndex(paths: files) { record, path in
                do throws(RecordRejection) {
                    let trajectory = try codec.decode(record, file: path)
                    guard !writer.trainsNothing(trajectory) else {
                        empty.append(trajectory.id)
                        return false
                    }
                    if Self.readsAsAgentRun(trajectory) { agent.append(trajectory.id) }
                    if !ids.insert(trajectory.id).inserted { repeated.append(trajectory.id) }
                    return true
                } catch {
                    undecodable.append(error)
                    return false
                }
            }
        } catch {
            throw .unreadable(error)
        }
        guard undecodable.isEmpty else { throw .undecodable(undecodable) }
        backing = .files(index)
        leftOutEmpty = empty
        agentRuns = agent
        repeatedIDs = repeated
    }

    /// The writer whose ``ExportRecordWriter/trainsNothing(_:)`` tells which examples a mix written by
    /// `writer` leaves out for having nothing to train on: `writer`, or for `agentinstruct` (whose
    /// records are ShareGPT's layout, as imported or converted: ``ExportRecordWriter/forMixExample(_:)``) `sharegpt`'s, so
    /// that a record without an answer to train on is left out in every format.
    public static func judge(_ writer: ExportRecordWriter) -> ExportRecordWriter {
        guard writer.format == .agentinstruct else { return writer }
        return writer.asShareGPT
    }

    private static func readsAsAgentRun(_ trajectory: Trajectory) -> Bool {
        trajectory.messages.contains { !$0.toolCalls.isEmpty }
            || ![Dialect.chat, .raw].contains(StepParser.detectDialect(trajectory.messages))
    }

    /// The trajectories with `ids` in `store`, named `source` in the manifest; `leftOutEmpty` names those
    /// the selection left out for having nothing to train on
    /// (``TrajectoryExporter/writtenTrajectories(matching:policy:writer:)``).
    public init(store: any ExportSource, ids: [String], source: String, leftOutEmpty: [String] = []) {
        backing = .store(store, ids, source)
        self.leftOutEmpty = leftOutEmpty
        agentRuns = []
        repeatedIDs = []
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
