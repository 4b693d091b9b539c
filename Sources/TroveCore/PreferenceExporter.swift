import Foundation

/// What a preference export writes: which runs, under which policy, in which format, how many pairs.
public struct PreferenceRequest: Sendable {
    public var filter: Filter
    public var policy: ExportPolicy
    public var format: PreferenceFormat
    public var writer: PreferenceRecordWriter
    /// The most DPO pairs one task group gives.
    public var maxPairsPerGroup: Int
    /// Chooses the pairs of a group that has more than ``maxPairsPerGroup``.
    public var seed: UInt64
    /// Where DPO pairs come from: runs, corrected turns, or both.
    public var pairs: PairSource

    public init(
        filter: Filter, policy: ExportPolicy, format: PreferenceFormat, writer: PreferenceRecordWriter = .init(),
        maxPairsPerGroup: Int = 4, seed: UInt64 = 0, pairs: PairSource = .runs
    ) {
        self.pairs = pairs
        self.filter = filter
        self.policy = policy
        self.format = format
        self.writer = writer
        self.maxPairsPerGroup = maxPairsPerGroup
        self.seed = seed
    }
}

/// Writes preference data from the runs a filter and a policy judge: DPO pairs of a kept and a
/// dispreferred run of one task group, or KTO examples of single runs.
///
/// Contract:
/// - A run is preferred when the policy keeps it and dispreferred when its outcome is
///   ``ExportOutcome/rejected`` or ``ExportOutcome/belowThreshold``; other runs are left out.
/// - DPO: each group (``TaskGroup``, in the order of its first run) pairs every preferred run with every
///   dispreferred one that has a ``PreferencePair``; when more than `maxPairsPerGroup` exist,
///   ``PreferencePair/choose(_:limit:seed:group:)`` picks them. Pairs are in row order of the preferred
///   run, then of the dispreferred one. Runs without a group are not paired.
/// - DPO from corrections (`pairs` ``PairSource/edits`` or ``PairSource/both``, after the pairs of runs):
///   one pair per corrected agent turn of every run the filter selects, whatever the policy decides of
///   the run (``PreferencePair/corrections(of:turns:)``), in row order, then turn order.
/// - KTO: one line per preferred (`true`) or dispreferred (`false`) run with a ``PreferenceCompletion``,
///   in row order.
/// - Every run is read with its reviewers' turn labels applied (``Trajectory/applying(_:to:)``): corrected
///   turns have their corrected text, and no line trains on an agent turn not to be trained (masked by
///   the reviewers or by the record, ``TrainingMessages/isUntrained(_:)``). A KTO completion starts after
///   the last such turn (``PreferenceCompletion``); a DPO pair whose continuation holds one, and a
///   corrected turn that is masked, are not written. The runs that lost an example so are named in
///   ``ExportResult/leftOutMasked``; ``ExportResult/maskedTurns`` and ``ExportResult/editedTurns`` count
///   the turn labels of the runs written (a DPO pair's two runs).
/// - A line has the run's `tools` when it has some (a DPO pair of runs: the chosen run's).
/// - A run with no agent turn after its task has nothing to train on: KTO leaves it out and DPO pairs it
///   with no run (``PreferencePair`` needs an agent turn after the parting); both name it in
///   ``ExportResult/leftOutEmpty`` (DPO the runs of the groups it pairs, once each).
/// - A run whose stored record bytes changed since import stops the export with
///   ``AlteredRecordError``; nothing is published.
/// - The same store and request give the same bytes. Counts go to ``ExportResult/preferences``: per task,
///   `runs` (DPO pairs of runs), `chosen_prompt` (those of them whose prompt is the chosen run's, see
///   ``PreferencePair/sharesPrompt``), `edits` (DPO pairs of corrected turns), `desirable` and
///   `undesirable` (KTO lines).
public struct PreferenceExporter {
    public let store: any ExportSource

    public init(store: any ExportSource) {
        self.store = store
    }

    /// Writes the request's lines to `output`, finished but not published; with no output, only counts.
    public func export(_ request: PreferenceRequest, to output: JSONLinesWriter?) throws -> ExportResult {
        try store.readSnapshot { snapshot in
            var result = ExportResult(fingerprint: try snapshot.fingerprint())
            let runs = try Self.judgedRuns(request, snapshot: snapshot, result: &result)
            let labeledTurns = try snapshot.trajectoriesWithTurnLabels()
            // A record whose bytes changed in the store is not exported in any format (its messages were
            // parsed from the bytes it had). The reviewers' turn labels come with the messages as imported:
            // every example is written with their corrections and keeps their masked turns out of what a
            // trainer learns, as the trajectory formats do.
            let load = { (run: Run) throws -> (messages: [Message], turns: [TurnLabel]) in
                if let (bytes, sha256) = try snapshot.original(of: run.rowID, id: run.id) {
                    try AlteredRecordError.verify(bytes, sha256: sha256, trajectory: run.id)
                }
                let turns = labeledTurns.contains(run.rowID) ? try snapshot.turnLabels(of: run.rowID) : []
                return (try snapshot.messages(of: run.rowID, id: run.id), turns)
            }
            var written = Set<Int64>()
            func write(_ line: [UInt8], task: String, count key: String) throws {
                try output?.write(line: line)
                if let output { result.written[output.path, default: 0] += 1 }
                result.preferences[task, default: [:]][key, default: 0] += 1
            }
            func countTurns(of run: Run, _ turns: [TurnLabel]) {
                guard written.insert(run.rowID).inserted else { return }
                result.maskedTurns += turns.filter(\.isMasked).count
                result.editedTurns += turns.filter(\.isEdited).count
            }
            func leaveOut(_ run: Run, masked: Bool) {
                if masked {
                    if !result.leftOutMasked.contains(run.id) { result.leftOutMasked.append(run.id) }
                } else {
                    result.leftOutEmpty.append(run.id)
                }
            }
            switch request.format {
            case .dpo:
                for (group, members) in Self.grouped(request.pairs.includesRuns ? runs : []) {
                    let preferred = members.filter(\.isPreferred)
                    let dispreferred = members.filter { !$0.isPreferred }
                    guard !preferred.isEmpty, !dispreferred.isEmpty else { continue }
                    // A pair's runs end on their last agent turn: closing observations (`reward = True`
                    // against `reward = False`) would carry the preference in the environment's words.
                    // A run with no agent turn after its task (an empty run) pairs with none.
                    var loaded: [Int64: (messages: [Message], turns: [TurnLabel])] = [:]
                    for run in members {
                        let (messages, turns) = try load(run)
                        let task = try snapshot.turnKinds(of: run.rowID, id: run.id).firstIndex(of: .task)
                        let training = TrainingMessages.endingOnTheAgent(
                            Trajectory.applying(turns, to: messages), taskIndex: task)
                        if TrainingMessages.firstAgentTurn(afterTask: training, taskIndex: task) == nil {
                            leaveOut(run, masked: false)
                        }
                        loaded[run.rowID] = (training, turns)
                    }
                    var candidates: [(good: Run, bad: Run, pair: PreferencePair)] = []
                    for good in preferred {
                        for bad in dispreferred {
                            guard
                                let pair = PreferencePair(
                                    chosen: loaded[good.rowID]!.messages, rejected: loaded[bad.rowID]!.messages)
                            else { continue }
                            // A trainer learns from both continuations whole: one holding a masked turn
                            // would train on it.
                            let maskedIn = [(good, pair.chosen), (bad, pair.rejected)].filter {
                                $0.1.contains(where: TrainingMessages.isUntrained)
                            }
                            guard maskedIn.isEmpty else {
                                for (run, _) in maskedIn { leaveOut(run, masked: true) }
                                continue
                            }
                            candidates.append((good, bad, pair))
                        }
                    }
                    let chosen = PreferencePair.choose(
                        candidates, limit: request.maxPairsPerGroup, seed: request.seed, group: group)
                    for candidate in chosen {
                        let tools = try snapshot.tools(of: candidate.good.rowID)
                        try write(
                            request.writer.line(for: candidate.pair, tools: tools), task: candidate.good.task,
                            count: "runs")
                        for run in [candidate.good, candidate.bad] { countTurns(of: run, loaded[run.rowID]!.turns) }
                        if !candidate.pair.sharesPrompt {
                            result.preferences[candidate.good.task, default: [:]]["chosen_prompt", default: 0] += 1
                        }
                    }
                }
                guard request.pairs.includesEdits else { break }
                let edited = try snapshot.trajectoriesWithCorrections()
                var corrected: [Run] = []
                try snapshot.forEachCandidate(matching: request.filter) {
                    guard edited.contains($0.rowID) else { return }
                    corrected.append(Run(rowID: $0.rowID, id: $0.id, task: $0.task, group: $0.group, isPreferred: true))
                }
                for run in corrected {
                    let (messages, turns) = try load(run)
                    let corrections = PreferencePair.corrections(of: messages, turns: turns)
                    if !corrections.masked.isEmpty { leaveOut(run, masked: true) }
                    let tools = try snapshot.tools(of: run.rowID)
                    for pair in corrections.pairs {
                        try write(request.writer.line(for: pair, tools: tools), task: run.task, count: "edits")
                        countTurns(of: run, turns)
                    }
                }
            case .kto:
                for run in runs {
                    let (messages, turns) = try load(run)
                    let task = try snapshot.turnKinds(of: run.rowID, id: run.id).firstIndex(of: .task)
                    let labeled = Trajectory.applying(turns, to: messages)
                    guard
                        let example = PreferenceCompletion(messages: labeled, taskIndex: task, label: run.isPreferred)
                    else {
                        let training = TrainingMessages.endingOnTheAgent(labeled, taskIndex: task)
                        leaveOut(
                            run, masked: TrainingMessages.firstAgentTurn(afterTask: training, taskIndex: task) != nil)
                        continue
                    }
                    try write(
                        request.writer.line(for: example, tools: try snapshot.tools(of: run.rowID)), task: run.task,
                        count: run.isPreferred ? "desirable" : "undesirable")
                    countTurns(of: run, turns)
                }
            }
            try output?.finish()
            return result
        }
    }

    /// One run the policy prefers or not.
    private struct Run {
        var rowID: Int64
        var id: String
        var task: String
        var group: String?
        var isPreferred: Bool
    }

    /// The filtered runs the policy keeps or turns down, in row order; every filtered run's outcome is
    /// counted in `result`.
    private static func judgedRuns(
        _ request: PreferenceRequest, snapshot: any ExportSnapshot, result: inout ExportResult
    ) throws -> [Run] {
        var runs: [Run] = []
        try snapshot.forEachCandidate(matching: request.filter) { candidate in
            let outcome = candidate.outcome(under: request.policy)
            result.record(task: candidate.task, outcome: outcome)
            guard [.kept, .rejected, .belowThreshold].contains(outcome) else { return }
            runs.append(
                Run(
                    rowID: candidate.rowID, id: candidate.id, task: candidate.task, group: candidate.group,
                    isPreferred: outcome == .kept))
        }
        return runs
    }

    /// The runs that have a group, by group in the order of each group's first run.
    private static func grouped(_ runs: [Run]) -> [(group: String, runs: [Run])] {
        var order: [String] = []
        var members: [String: [Run]] = [:]
        for run in runs {
            guard let group = run.group else { continue }
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(run)
        }
        return order.map { ($0, members[$0]!) }
    }
}
