import ArgumentParser
import Foundation
import TroveCore
import TroveStore

struct MixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Mix agent trajectories with general chat data, AgentTuning style.",
        discussion: """
            AgentTuning fine-tunes on a mix in which each example is agent data with probability eta (0.2 in \
            the paper) and general ShareGPT chat otherwise. This writes that mix as data: exactly \
            round(N × eta) agent examples and N − that many general ones, in a seeded random order. Within a \
            pool, examples are drawn without replacement until the pool is used up, then a fresh shuffle \
            starts the next epoch.

            Agent examples come from the store (filtered with --where, kept by --policy, default agenttuning: \
            not rejected and reward at or above the task threshold) or from --agent files. General examples come \
            from --general files: ShareGPT JSON/JSONL or OpenAI messages. Everything is written in --format.

            A manifest (OUT.manifest.json) gives the achieved ratio, the counts per source and task, and the \
            epochs used. The same inputs and --seed give the same bytes.

            Examples:
              trove mix --general sharegpt.json --eta 0.2 --total 100000 --seed 1 --format sharegpt --out mix.jsonl
              trove mix --where 'task:db' --general sg.jsonl --agent-epochs 3 --seed 7 --format openai --out mix.jsonl
              trove mix --agent agent.jsonl --general sg.json --total 5000 --format sharegpt --out mix.jsonl
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("agent"),
        help: ArgumentHelp("Agent trajectories from files instead of the store (repeatable).", valueName: "file"))
    var agentFiles: [String] = []

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Agent trajectories from the store matching this filter (docs/filter.md).", valueName: "expr"))
    var filter: String?

    @Option(
        help: ArgumentHelp(
            "Which store trajectories count as agent data: accepted or agenttuning.", valueName: "policy"))
    var policy: SelectionArguments.PolicyName = .agenttuning

    @Option(help: ArgumentHelp("Per-task reward thresholds for --policy agenttuning.", valueName: "task=x,..."))
    var minReward: String?

    @Option(
        name: .customLong("general"), parsing: .upToNextOption,
        help: ArgumentHelp("General chat data: ShareGPT JSON/JSONL or OpenAI messages.", valueName: "file"))
    var generalFiles: [String] = []

    @Option(help: ArgumentHelp("The probability that an example is agent data.", valueName: "x"))
    var eta: Double = 0.2

    @Option(help: ArgumentHelp("Examples in the mix.", valueName: "n"))
    var total: Int?

    @Option(help: ArgumentHelp("Size the mix to use the agent pool this many times.", valueName: "e"))
    var agentEpochs: Double?

    @Option(help: ArgumentHelp("Seed of the sampling.", valueName: "n"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("agentinstruct, sharegpt or openai.", valueName: "format"))
    var format: ExportFormat

    @Option(help: ArgumentHelp("A system prompt for openai records that have none.", valueName: "text"))
    var system: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    func validate() throws {
        if generalFiles.isEmpty { throw ValidationError("give at least one --general file") }
        if (total == nil) == (agentEpochs == nil) {
            throw ValidationError("give exactly one of --total and --agent-epochs")
        }
        if !agentFiles.isEmpty, filter != nil {
            throw ValidationError("take agent data from --agent files or --where, not both")
        }
        if !(eta > 0 && eta < 1) { throw ValidationError("--eta must be between 0 and 1 (exclusive), got \(eta)") }
        if let total, total <= 0 { throw ValidationError("--total must be positive") }
        if let agentEpochs, agentEpochs <= 0 { throw ValidationError("--agent-epochs must be positive") }
        _ = try SelectionArguments.filter(filter)
        _ = try SelectionArguments.policy(policy, minReward: minReward)
    }

    func run() throws {
        let writer = ExportRecordWriter(format: format, systemPrompt: system)
        let general: MixPool
        let agent: MixPool
        do {
            general = try MixPool(files: generalFiles)
            agent = agentFiles.isEmpty ? try storePool() : try MixPool(files: agentFiles)
        } catch let error as RecordReadError {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        let plan: MixPlan
        do {
            plan = try MixPlan(
                agentPool: agent.count, generalPool: general.count, eta: eta,
                size: total.map { .total($0) } ?? .agentEpochs(agentEpochs ?? 1), seed: seed)
        } catch {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.dataError)
        }
        var counts = MixCounts()
        do {
            let output = try JSONLinesWriter(path: out)
            for pick in plan.picks() {
                let trajectory: Trajectory
                let label: ReviewLabel?
                switch pick {
                case .agent(let position):
                    (trajectory, label) = try agent.trajectory(at: position)
                    counts.agent(trajectory, source: agent.source(of: position))
                case .general(let position):
                    (trajectory, label) = try general.trajectory(at: position)
                    counts.general(source: general.source(of: position))
                }
                try output.write(line: writer.line(for: trajectory, label: label))
            }
            try output.finish()
            let manifest = counts.manifest(plan: plan, format: format, output: output)
            if out != "-" {
                try Data((JSONWriter.string(manifest) + "\n").utf8).write(
                    to: URL(fileURLWithPath: out + ".manifest.json"))
            }
            Console.error(
                "mixed \(plan.agentCount) agent + \(plan.generalCount) general = \(plan.total) examples "
                    + "(ratio \(String(format: "%.4f", plan.achievedRatio)), agent epochs "
                    + "\(String(format: "%.2f", plan.agentEpochs)), general epochs "
                    + "\(String(format: "%.2f", plan.generalEpochs)))" + (out == "-" ? "" : " into \(out)"))
        } catch let error as OutputError {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        } catch let error as StoreError where error.isDamage {
            Console.error("trove: \(error); nothing was written")
            throw ExitCode(TroveExitCode.dataError)
        }
    }

    private func storePool() throws -> MixPool {
        let store = try storeOptions.open(readOnly: true)
        let kept = try TrajectoryExporter(store: store).keptTrajectories(
            matching: try SelectionArguments.filter(filter),
            policy: try SelectionArguments.policy(policy, minReward: minReward))
        return MixPool(store: store, ids: kept.map(\.id), source: storeOptions.path)
    }
}

/// A pool of examples to sample: records in files (by position) or trajectories in the store (by id).
private struct MixPool {
    private enum Backing {
        case files(RecordIndex)
        case store(Store, [String], String)
    }

    private let backing: Backing
    private let codec = TrajectoryCodec()

    /// Indexes the files, leaving out records that do not decode (each named on stderr).
    init(files: [String]) throws {
        let codec = codec
        backing = .files(
            try RecordIndex(paths: files) { record, path in
                do {
                    _ = try codec.decode(record, file: path)
                    return true
                } catch {
                    Console.error("\(error) (left out of the mix)")
                    return false
                }
            })
    }

    init(store: Store, ids: [String], source: String) {
        backing = .store(store, ids, source)
    }

    var count: Int {
        switch backing {
        case .files(let index): index.count
        case .store(_, let ids, _): ids.count
        }
    }

    func source(of position: Int) -> String {
        switch backing {
        case .files(let index): index.path(of: position)
        case .store(_, _, let path): path
        }
    }

    func trajectory(at position: Int) throws -> (Trajectory, ReviewLabel?) {
        switch backing {
        case .files(let index):
            return (try codec.decode(try index.record(at: position), file: index.path(of: position)), nil)
        case .store(let store, let ids, _):
            guard let stored = try store.trajectory(id: ids[position], verifyingBytes: true) else {
                throw StoreError.unknownTrajectory(ids[position])
            }
            return (stored.trajectory, stored.label)
        }
    }
}

/// What went into a mix, for its manifest.
private struct MixCounts {
    var agentBySource: [String: Int] = [:]
    var agentByTask: [String: Int] = [:]
    var generalBySource: [String: Int] = [:]

    mutating func agent(_ trajectory: Trajectory, source: String) {
        agentBySource[source, default: 0] += 1
        agentByTask[trajectory.task, default: 0] += 1
    }

    mutating func general(source: String) {
        generalBySource[source, default: 0] += 1
    }

    func manifest(plan: MixPlan, format: ExportFormat, output: JSONLinesWriter) -> JSONValue {
        func object(_ counts: [String: Int]) -> JSONValue {
            .object(JSONObject(counts.keys.sorted().map { JSONObject.Member(key: $0, value: .integer(counts[$0])) }))
        }
        return .object([
            "trove_version": .string(TroveVersion.current),
            "eta": .real(plan.eta),
            "seed": .number(String(plan.seed)),
            "format": .string(format.rawValue),
            "total": .integer(plan.total),
            "agent": .integer(plan.agentCount),
            "general": .integer(plan.generalCount),
            "achieved_ratio": .real(plan.achievedRatio),
            "agent_pool": .integer(plan.agentPool),
            "general_pool": .integer(plan.generalPool),
            "agent_epochs": .real(plan.agentEpochs),
            "general_epochs": .real(plan.generalEpochs),
            "agent_by_source": object(agentBySource),
            "agent_by_task": object(agentByTask),
            "general_by_source": object(generalBySource),
            "output": .object([
                "path": .string(output.path), "lines": .integer(output.lines), "bytes": .integer(output.bytes),
                "sha256": .string(output.sha256),
            ]),
        ])
    }
}
