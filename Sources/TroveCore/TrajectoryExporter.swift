import Foundation

/// Writes the trajectories a filter and a policy select as JSONL, streaming
/// from one consistent snapshot of the store, whatever its backend (``ExportSource``).
///
/// Contract:
/// - Output order is import order (row id), so the same store, filter and
///   options always give the same bytes, on either backend.
/// - Memory stays bounded: records are read one at a time; a split holds only
///   row ids.
/// - A converted format leaves out the kept trajectories with nothing to train on
///   (``ExportRecordWriter/trainsNothing(_:)``) and names them in ``ExportResult/leftOutEmpty``.
/// - With a split, every task contributes `round(written × fraction)` records to
///   the second output, chosen by a seeded shuffle among the kept trajectories the format writes.
///
/// ```swift
/// let exporter = TrajectoryExporter(store: store)
/// let request = ExportRequest(filter: try Filter.parse("task:db"), policy: .agentTuning(.agentTuning),
///                             writer: ExportRecordWriter(format: .sharegpt))
/// let output = try JSONLinesWriter(path: "db.jsonl")
/// let result = try exporter.export(request, to: output)
/// try output.publish()
/// ```
public struct TrajectoryExporter {
    public let store: any ExportSource

    public init(store: any ExportSource) {
        self.store = store
    }

    /// Counts what `request` would keep and exclude, per task, without writing.
    public func dryRun(_ request: ExportRequest) throws -> ExportResult {
        try store.readSnapshot { snapshot in
            var result = ExportResult(fingerprint: try snapshot.fingerprint())
            try snapshot.forEachCandidate(matching: request.filter) {
                result.record(task: $0.task, outcome: $0.outcome(under: request.policy))
            }
            return result
        }
    }

    /// Writes the kept trajectories to `output` (and the split's share to `splitOutput`).
    ///
    /// Each record's bytes are checked against the SHA-256 recorded at import before it is written.
    /// The writers are finished (flushed and synced) before this returns; the caller puts them in place
    /// together with ``OutputCommit/publish(_:)``, so a split's two files are replaced as one (with their
    /// manifests). When it throws nothing is published, so no file output appears.
    /// - throws: ``OutputError`` when a file cannot be written, ``AlteredRecordError`` when a record's
    ///   bytes changed in the store, or what the backend throws for a row it cannot read.
    public func export(
        _ request: ExportRequest, to output: JSONLinesWriter, splitOutput: JSONLinesWriter? = nil
    ) throws -> ExportResult {
        try store.readSnapshot { snapshot in
            var result = ExportResult(fingerprint: try snapshot.fingerprint())
            var held = Set<Int64>()
            if let split = request.split, splitOutput != nil {
                let kept = try Self.written(request.filter, request.policy, request.writer, snapshot).written
                held = StratifiedSplit.choose(
                    fraction: split.fraction, seed: split.seed, items: kept.map { ($0.rowID, $0.task) })
            }
            // The judgements of trajectories two reviewers judged, for the agreement of what is exported.
            let judged = Dictionary(grouping: try snapshot.agreementJudgements(matching: request.filter), by: \.rowID)
            var exportedJudgements: [AgreementJudgement] = []
            let needsMessages = request.writer.format != .agentinstruct
            // Few trajectories have turn masks or corrections: only they ask for their turns (the store
            // decides a turn each time it is read).
            let labeledTurns = try snapshot.trajectoriesWithTurnLabels()
            try snapshot.forEachTrajectory(matching: request.filter) { exported in
                let record = exported.trajectory
                let label = exported.label
                let outcome = exported.outcome(under: request.policy)
                result.record(task: record.task, outcome: outcome)
                guard outcome == .kept else { return }
                try AlteredRecordError.verify(record.originalRecord, sha256: exported.sha256, trajectory: record.id)
                var trajectory = record
                if needsMessages { trajectory.messages = try snapshot.messages(of: exported.rowID, id: record.id) }
                let turns = labeledTurns.contains(exported.rowID) ? try snapshot.turnLabels(of: exported.rowID) : []
                guard let written = request.writer.record(for: trajectory, label: label, turns: turns) else {
                    result.leftOutEmpty.append(record.id)
                    return
                }
                result.maskedTurns += turns.filter(\.isMasked).count
                result.editedTurns += turns.filter(\.isEdited).count
                result.thoughtsLeftOut += written.thoughtsLeftOut
                result.joinedTurns += written.joinedTurns
                result.maskedByJoining += written.maskedByJoining
                if request.writer.writesUndecodedText(of: trajectory, turns: turns) { result.undecodedText += 1 }
                result.emptyTrainedTurns += request.writer.emptyTrainedTurns(of: trajectory, turns: turns)
                let target = held.contains(exported.rowID) ? splitOutput! : output
                try target.write(line: written.line)
                result.written[target.path, default: 0] += 1
                exportedJudgements += judged[exported.rowID]?.map(\.judgement) ?? []
            }
            result.agreement = AgreementReport(judgements: exportedJudgements)
            try output.finish()
            try splitOutput?.finish()
            return result
        }
    }

    /// The ids and tasks of the trajectories `filter` and `policy` keep, in row order.
    public func keptTrajectories(matching filter: Filter, policy: ExportPolicy) throws -> [(id: String, task: String)] {
        try store.readSnapshot { snapshot in
            var kept: [(id: String, task: String)] = []
            try snapshot.forEachCandidate(matching: filter) { candidate in
                if candidate.outcome(under: policy) == .kept { kept.append((candidate.id, candidate.task)) }
            }
            return kept
        }
    }

    /// The ids and tasks of the trajectories `filter` and `policy` keep and `writer` writes, in row order,
    /// and the ids of those it leaves out for having nothing to train on (``ExportRecordWriter/trainsNothing(_:)``).
    public func writtenTrajectories(matching filter: Filter, policy: ExportPolicy, writer: ExportRecordWriter) throws
        -> (written: [(id: String, task: String)], leftOutEmpty: [String])
    {
        try store.readSnapshot { snapshot in
            let kept = try Self.written(filter, policy, writer, snapshot)
            return (kept.written.map { ($0.id, $0.task) }, kept.leftOutEmpty)
        }
    }

    /// The trajectories `filter` and `policy` keep in `snapshot` that `writer` writes, in row order, and the
    /// ids of those it leaves out.
    private static func written(
        _ filter: Filter, _ policy: ExportPolicy, _ writer: ExportRecordWriter, _ snapshot: any ExportSnapshot
    ) throws -> (written: [(rowID: Int64, id: String, task: String)], leftOutEmpty: [String]) {
        var written: [(rowID: Int64, id: String, task: String)] = []
        var leftOut: [String] = []
        try snapshot.forEachCandidate(matching: filter) { candidate in
            guard candidate.outcome(under: policy) == .kept else { return }
            if writer.format != .agentinstruct {
                // The stored turn kinds answer for most runs: an agent turn of the real task (after the task
                // turn) is something to train on. Only the others' messages are read (reading every kept
                // record's messages made a split export 60% slower).
                let kinds = try snapshot.turnKinds(of: candidate.rowID, id: candidate.id)
                let task = kinds.firstIndex(of: .task)
                if !(task.map { kinds[($0 + 1)...].contains(.agent) } ?? false),
                    writer.trainsNothing(try snapshot.messages(of: candidate.rowID, id: candidate.id), taskIndex: task)
                {
                    leftOut.append(candidate.id)
                    return
                }
            }
            written.append((candidate.rowID, candidate.id, candidate.task))
        }
        return (written, leftOut)
    }
}

/// What to export: which trajectories, under which policy, in which format.
public struct ExportRequest: Sendable {
    /// A held-out share per task, written to a second output.
    public struct Split: Sendable, Hashable {
        /// The second output's name (`valid`).
        public var name: String
        public var fraction: Double
        public var seed: UInt64

        public init(name: String, fraction: Double, seed: UInt64) {
            self.name = name
            self.fraction = fraction
            self.seed = seed
        }
    }

    public var filter: Filter
    public var policy: ExportPolicy
    public var writer: ExportRecordWriter
    public var split: Split?

    public init(filter: Filter, policy: ExportPolicy, writer: ExportRecordWriter, split: Split? = nil) {
        self.filter = filter
        self.policy = policy
        self.writer = writer
        self.split = split
    }
}

/// Counts from an export or a dry run.
public struct ExportResult: Sendable, Hashable {
    /// Per task, how many trajectories had each outcome.
    public var outcomes: [String: [ExportOutcome: Int]] = [:]
    /// Lines written per output path.
    public var written: [String: Int] = [:]
    /// The store's fingerprint at the time of the export.
    public var fingerprint: String
    /// How far reviewers agree on the trajectories written (all outputs together); nil for a dry run.
    public var agreement: AgreementReport?
    /// Masked agent turns in the trajectories written (``TurnLabel/isMasked``): written untrained by the
    /// converted formats, listed under `"trove"` by `agentinstruct --with-labels`, left out by plain
    /// `agentinstruct`, kept out of the continuations `dpo` and `kto` train on.
    public var maskedTurns = 0
    /// Corrected agent turns in the trajectories written (``TurnLabel/isEdited``): written with their
    /// corrected text by the converted formats, listed under `"trove"` by `agentinstruct --with-labels`,
    /// left out by plain `agentinstruct` (which writes the record's bytes as imported).
    public var editedTurns = 0
    /// Agent turns written without some of their text: ShareGPT `function_call` turns whose text no
    /// framing in LLaMA-Factory's thought words carries whole (``ShareGPTThought``).
    public var thoughtsLeftOut = 0
    /// Agent turns written trained with no text and no call (``ExportRecordWriter/emptyTrainedTurns(of:turns:)``).
    public var emptyTrainedTurns = 0
    /// ShareGPT turns joined into the turn before them so that the turns alternate as LLaMA-Factory
    /// requires (``ShareGPTConversation``).
    public var joinedTurns = 0
    /// Agent turns trained on their own written untrained, joined with a masked turn (``ShareGPTConversation``).
    public var maskedByJoining = 0
    /// The ids of the kept trajectories left out for having nothing to train on (a converted format's
    /// ``ExportRecordWriter/trainsNothing(_:)``; for `kto` and `dpo`, runs with no agent turn after their
    /// task), in row order.
    public var leftOutEmpty: [String] = []
    /// The ids of the runs a preference export wrote an example less of because it would have trained on
    /// an agent turn not to be trained (``PreferenceExporter``), in the order met; empty for other formats.
    public var leftOutMasked: [String] = []
    /// Trajectories written with text trove could not decode (``QualityFlag/badEncoding``): their
    /// record's bytes with invalid UTF-8 (`agentinstruct`), or texts holding U+FFFD (the other formats).
    public var undecodedText = 0
    /// Preference lines per task and source (see ``PreferenceExporter``); empty for other formats.
    public var preferences: [String: [String: Int]] = [:]

    public init(fingerprint: String) {
        self.fingerprint = fingerprint
    }

    mutating func record(task: String, outcome: ExportOutcome) {
        outcomes[task, default: [:]][outcome, default: 0] += 1
    }

    /// How many trajectories had `outcome`, over all tasks.
    public func total(_ outcome: ExportOutcome) -> Int {
        outcomes.values.reduce(0) { $0 + ($1[outcome] ?? 0) }
    }

    /// How many preference examples of `kind` (``preferences``' keys: `runs`, `edits`, `desirable`, …) were
    /// written, over all tasks.
    public func total(preferences kind: String) -> Int {
        preferences.values.reduce(0) { $0 + ($1[kind] ?? 0) }
    }
}
