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
            not rejected and reward at or above the task threshold, --min-reward) or from --agent files, which \
            are taken whole: --where, --policy and --min-reward choose store trajectories and are refused with \
            --agent. General examples come from --general files: ShareGPT JSON/JSONL or OpenAI messages, plain, \
            gzip or zstd (not standard input or a pipe: records are read back by position). Everything is \
            written in --format; in agentinstruct, a record already in AgentInstruct's layout ("id" and \
            from/value "conversations") is written as imported, and any other, agent or general (OpenAI \
            messages, another agent framework's run, no id), as sharegpt writes it, which is that layout, with \
            a store's turn masks and corrections applied.

            A file named twice (by any path to it) is refused. Records of the --general files sharing an id \
            (a copy of a file under another name) are drawn as separate examples, with a warning.

            A manifest (OUT.manifest.json, or --manifest FILE) gives the achieved ratio, the counts per source \
            and task, and the epochs used. The same inputs and --seed give the same bytes. OUT is written as \
            export writes it (see trove export --help) and may not be one of the inputs.

            An example with nothing to train on in --format (no agent turn after its task, such as an empty run) \
            is left out of its pool before the mix is planned, with a warning; the manifest counts them under \
            left_out_empty. A record of a --general or --agent file that does not decode (malformed JSON, no \
            messages) stops the mix, as import rejects it: each is named FILE:LINE, the exit status is 65 and \
            nothing is written.

            A pool used more than 3 times over gets a warning: its examples repeat that often. The second and \
            later copies of an example carry the id ID#2, ID#3, … so trainers that drop duplicate ids keep them.

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
        help: SelectionArguments.whereHelp(
            "Agent trajectories from the store matching this filter (docs/filter.md)."))
    var filter: String?

    @Option(
        help: ArgumentHelp(
            "Which store trajectories count as agent data: accepted, agenttuning or consensus (default: "
                + "agenttuning).",
            valueName: "policy"))
    var policy: SelectionArguments.PolicyName?

    /// The policy that keeps store trajectories: `--policy`, else agenttuning.
    private var storePolicy: SelectionArguments.PolicyName { policy ?? .agenttuning }

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

    @OptionGroup var seedOptions: SeedOptions

    @OptionGroup var formatOptions: FormatOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    @Option(
        help: ArgumentHelp(
            "Where to write the manifest (default: OUT.manifest.json; none for a stream).", valueName: "file"))
    var manifest: String?

    @Flag(name: .shortAndLong, help: "Print only problems, not the mix's counts.")
    var quiet = false

    func validate() throws {
        if generalFiles.isEmpty { throw ValidationError("give at least one --general file") }
        if (total == nil) == (agentEpochs == nil) {
            throw ValidationError("give exactly one of --total and --agent-epochs")
        }
        if !agentFiles.isEmpty {
            let storeOptions = [
                ("--where", filter != nil), ("--policy", policy != nil), ("--min-reward", minReward != nil),
            ]
            if let option = storeOptions.first(where: \.1)?.0 {
                throw ValidationError(
                    "take agent data from --agent files or the store, not both: \(option) chooses store trajectories, "
                        + "and --agent files are taken whole")
            }
        }
        if !(eta > 0 && eta < 1) { throw ValidationError("--eta must be between 0 and 1 (exclusive), got \(eta)") }
        if let total, total <= 0 { throw ValidationError("--total must be positive") }
        if let agentEpochs, agentEpochs <= 0 { throw ValidationError("--agent-epochs must be positive") }
        _ = try SelectionArguments.filter(filter)
        _ = try SelectionArguments.policy(storePolicy, minReward: minReward)
        try refuseRepeatedFiles()
    }

    /// Refuses a file named twice among --general and --agent (by path, link or another name: one device
    /// and inode): its records would be in the pools twice under the same ids, silently changing the
    /// share each file gets, and the manifest would count a doubled pool as used once.
    private func refuseRepeatedFiles() throws {
        var named: [FileIdentity: String] = [:]
        for (option, path) in generalFiles.map({ ("--general", $0) }) + agentFiles.map({ ("--agent", $0) }) {
            guard let identity = FileIdentity(path: path) else { continue }
            let given = "\(option) \(Console.visible(path))"
            if let first = named[identity] {
                throw ValidationError(
                    "\(given) is the same file as \(first): name each file once (its examples would be in the "
                        + "mix twice as often, under the same ids)")
            }
            named[identity] = given
        }
    }

    func run() throws {
        // Here, not in validate(): ArgumentParser names an unknown option only after validate() passes.
        let format = try formatOptions.required()
        let writer = ExportRecordWriter(format: format, systemPrompt: formatOptions.system)
        try Console.reportingWriteFailures {
            let target = try OutputTarget.resolve(out)
            let manifestTarget =
                try manifest.map { try OutputTarget.resolve($0) }
                ?? (target.isStream ? nil : try OutputTarget.resolve(out + ".manifest.json"))
            try FileIdentity.refuseOverlap(
                outputs: [target] + (manifestTarget.map { [$0] } ?? []),
                inputs: generalFiles + agentFiles, reserved: agentFiles.isEmpty ? storeOptions.reservedFiles : [])
            // An example with nothing to train on in the format is left out of its pool, so that the
            // mix's counts and ratio are the ones planned; a record that does not decode stops the mix.
            let general = try Self.filePool(generalFiles, option: "--general", format: format)
            if !general.agentRuns.isEmpty {
                let named = general.agentRuns.prefix(3).map(TrajectoryReport.visibleOnOneLine).joined(separator: ", ")
                Console.error(
                    "trove: warning: \(Plural.counted(general.agentRuns.count, "record")) of the --general files "
                        + "\(general.agentRuns.count == 1 ? "reads" : "read") as agent runs (\(named)"
                        + "\(general.agentRuns.count > 3 ? ", …" : "")): the mix's general share is meant to be chat, "
                        + "so its agent ratio will be above --eta")
            }
            if let first = general.repeatedIDs.first {
                Console.error(
                    "trove: warning: \(Plural.counted(general.repeatedIDs.count, "record")) of the --general files "
                        + "\(general.repeatedIDs.count == 1 ? "has" : "have") the id of an earlier one (the first: "
                        + "\(TrajectoryReport.visibleOnOneLine(first))): each is drawn as an example of its own, "
                        + "under the same id; a copy of a file given under another name repeats them all")
            }
            let agent =
                agentFiles.isEmpty
                ? try storePool(writer: writer) : try Self.filePool(agentFiles, option: "--agent", format: format)
            let plan: MixPlan
            do throws(MixPlanError) {
                plan = try MixPlan(
                    agentPool: agent.count, generalPool: general.count, eta: eta,
                    size: total.map { .total($0) } ?? .agentEpochs(agentEpochs ?? 1), seed: seedOptions.seed)
            } catch {
                Console.error("trove: \(error)")
                if case .emptyPool(let name) = error,
                    let reason = ExportSummary.everyExampleLeftOutEmpty(
                        (name == "agent" ? agent : general).leftOutEmpty, examples: name)
                {
                    // Store trajectories are chosen by a filter, which can leave such runs out.
                    Console.error(
                        reason + (name == "agent" && agentFiles.isEmpty ? " --where 'steps>0' leaves most out." : ""))
                } else if error == .emptyPool("agent"), agentFiles.isEmpty {
                    let selected = try SelectionArguments.filter(filter)
                    let selection =
                        ExportSummary.whereOption(selected).map {
                            "\($0) and --policy \(storePolicy.rawValue) select"
                        } ?? "--policy \(storePolicy.rawValue) selects"
                    Console.error(
                        "trove: \(selection) no trajectory of \(Console.visible(storeOptions.displayName))."
                            + (ExportSummary.filterValuesHint(selected).map { " " + $0 } ?? ""))
                }
                throw ExitCode(TroveExitCode.dataError)
            }
            for warning in plan.repetitionWarnings { Console.error("trove: warning: \(warning)") }
            var counts = MixCounts()
            counts.agentLeftOutEmpty = agent.leftOutEmpty.count
            counts.generalLeftOutEmpty = general.leftOutEmpty.count
            var thoughtsLeftOut = 0
            var maskedByJoining = 0
            var undecoded = 0
            let output = try JSONLinesWriter(target: target)
            let judge = MixPool.judge(writer)
            for pick in plan.picks() {
                // Store examples carry their decided turn masks and corrections, written as export writes them.
                let (example, pool) =
                    switch pick {
                    case .agent(let position): (try agent.example(at: position), agent)
                    case .general(let position): (try general.example(at: position), general)
                    }
                // A pool holds only examples the mix writes, unless the store changed since it was read.
                guard !judge.trainsNothing(example.trajectory) else {
                    if case .agent = pick { counts.agentLeftOutEmpty += 1 } else { counts.generalLeftOutEmpty += 1 }
                    continue
                }
                let copy: Trajectory
                switch pick {
                case .agent(let position):
                    copy = counts.agent(
                        example.trajectory, turns: example.turns, position: position, source: pool.source(of: position))
                case .general(let position):
                    copy = counts.general(
                        example.trajectory, turns: example.turns, position: position, source: pool.source(of: position))
                }
                let recordWriter = writer.forMixExample(example.trajectory)
                if recordWriter.format == .agentinstruct { counts.writtenAsImported(turns: example.turns) }
                guard let written = recordWriter.record(for: copy, label: example.label, turns: example.turns)
                else { continue }
                thoughtsLeftOut += written.thoughtsLeftOut
                maskedByJoining += written.maskedByJoining
                if recordWriter.writesUndecodedText(of: copy, turns: example.turns) { undecoded += 1 }
                try output.write(line: written.line)
            }
            try output.finish()
            var outputs = [output]
            if let manifestTarget {
                let manifest = try JSONLinesWriter(target: manifestTarget)
                try manifest.write(
                    line: Array(JSONWriter.string(counts.manifest(plan: plan, format: format, output: output)).utf8))
                try manifest.finish()
                outputs.append(manifest)
            }
            try OutputCommit.publish(outputs)
            for (pool, name) in [(agent, "agent"), (general, "general")] {
                if let warning = ExportSummary.leftOutEmptyWarning(pool.leftOutEmpty, examples: name) {
                    Console.error(warning)
                }
            }
            if let warning = ExportSummary.thoughtsLeftOutWarning(thoughtsLeftOut) { Console.error(warning) }
            if let warning = ExportSummary.maskedByJoiningWarning(maskedByJoining) { Console.error(warning) }
            if let warning = ExportSummary.undecodedTextWarning(undecoded, format: format) { Console.error(warning) }
            guard !quiet else { return }
            Console.error(
                "mixed \(plan.agentCount) agent + \(plan.generalCount) general = \(Plural.counted(plan.total, "example")) "
                    + "(ratio \(String(format: "%.4f", plan.achievedRatio)), agent epochs "
                    + "\(String(format: "%.2f", plan.agentEpochs)), general epochs "
                    + "\(String(format: "%.2f", plan.generalEpochs)))"
                    + (target.isStream ? "" : " into \(Console.visible(out))"))
        }
    }

    /// The pool of the records in `files` (given with `option`). A file that cannot be read exits 66; records
    /// that do not decode are named `FILE:LINE: reason` (the first 20), as import names them, and exit 65
    /// before any output exists: a mix that skipped them would not be the mix asked for.
    private static func filePool(_ files: [String], option: String, format: ExportFormat) throws -> MixPool {
        do {
            return try MixPool(files: files, format: format)
        } catch .unreadable(let error) {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        } catch .undecodable(let records) {
            for record in records.prefix(20) { Console.error(record.description) }
            if records.count > 20 { Console.error("… and \(records.count - 20) more") }
            Console.error(
                "trove: \(Plural.counted(records.count, "record")) of the \(option) files "
                    + "\(records.count == 1 ? "does" : "do") not decode; nothing was written (fix or remove "
                    + "\(records.count == 1 ? "it" : "them"): a mix without \(records.count == 1 ? "it" : "them") "
                    + "would not be the one asked for)")
            throw ExitCode(TroveExitCode.dataError)
        } catch {
            throw error
        }
    }

    /// The store's trajectories the filter and the policy keep and `writer` writes.
    private func storePool(writer: ExportRecordWriter) throws -> MixPool {
        let store = try storeOptions.openForReading()
        let kept = try TrajectoryExporter(store: store).writtenTrajectories(
            matching: try SelectionArguments.filter(filter),
            policy: try SelectionArguments.policy(storePolicy, minReward: minReward, team: try store.teamPolicy()),
            writer: MixPool.judge(writer))
        return MixPool(
            store: store, ids: kept.written.map(\.id), source: storeOptions.displayName, leftOutEmpty: kept.leftOutEmpty
        )
    }
}
