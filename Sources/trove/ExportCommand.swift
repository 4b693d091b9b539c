import ArgumentParser
import Foundation
import TroveCore
import TroveStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write trainer-ready JSONL of the trajectories a filter and a policy select.",
        discussion: """
            Formats:
              agentinstruct  each record exactly as imported (records from pretty-printed JSON are put on one \
            line); --with-labels adds the review under the "trove" key
              sharegpt       {"id", "conversations": [{"from", "value", "loss"?}]} for FastChat, LLaMA-Factory
              openai         {"messages": [{"role", "content", "weight"?}]} for TRL and OpenAI fine-tuning; \
            assistant turns whose loss is false get "weight": 0

            Policies:
              accepted       reviewer-accepted trajectories only (default)
              agenttuning    not rejected, and effective reward (reviewer's, else the environment's) at least \
            the task's threshold: 1, mind2web 2/3 (AgentTuning's filter); --min-reward overrides. A trajectory \
            with no reward is unknown, not zero: excluded and counted as no-reward.

            Output is in import order, so the same store and options give the same bytes. A manifest \
            (OUT.manifest.json) records the filter, policy, counts per task, the store's fingerprint, trove's \
            version and each output's sha256. With --split valid=0.05, each task gives round(5%) of its kept \
            trajectories to OUT with ".valid" before the extension, chosen by --seed.

            Examples:
              trove export --policy agenttuning --format sharegpt --out agent.jsonl
              trove export --where 'task:db or task:os' --format openai --system "You are a helpful, respectful and honest assistant." --out -
              trove export --policy agenttuning --min-reward mind2web=0.5 --format sharegpt --split valid=0.05 --seed 1 --out agent.jsonl
              trove export --policy agenttuning --dry-run
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Only trajectories matching this filter (docs/filter.md).", valueName: "expr"))
    var filter: String = ""

    @Option(help: ArgumentHelp("accepted or agenttuning.", valueName: "policy"))
    var policy: SelectionArguments.PolicyName = .accepted

    @Option(
        help: ArgumentHelp(
            "Per-task reward thresholds for --policy agenttuning, e.g. mind2web=0.5,db=1 (*=x sets the rest).",
            valueName: "task=x,..."))
    var minReward: String?

    @Option(help: ArgumentHelp("agentinstruct, sharegpt or openai.", valueName: "format"))
    var format: ExportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    @Option(help: ArgumentHelp("A system prompt for openai records that have none.", valueName: "text"))
    var system: String?

    @Flag(help: "Add each trajectory's review under the \"trove\" key.")
    var withLabels = false

    @Option(help: ArgumentHelp("Hold out a share per task into a second file, e.g. valid=0.05.", valueName: "name=x"))
    var split: String?

    @Option(help: ArgumentHelp("Seed of the split's shuffle.", valueName: "n"))
    var seed: UInt64 = 0

    @Flag(help: "Print the counts per task and outcome without writing anything.")
    var dryRun = false

    var parsedSplit: ExportRequest.Split? {
        get throws {
            guard let split else { return nil }
            let parts = split.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                let fraction = Double(parts[1]), fraction > 0, fraction < 1
            else { throw ValidationError("--split takes name=fraction with 0 < fraction < 1, e.g. valid=0.05") }
            return ExportRequest.Split(name: String(parts[0]), fraction: fraction, seed: seed)
        }
    }

    func validate() throws {
        if !dryRun, format == nil { throw ValidationError("--format is required (agentinstruct, sharegpt or openai)") }
        if split != nil, out == "-", !dryRun { throw ValidationError("--split writes two files: give --out FILE") }
        _ = try parsedSplit
        _ = try request()
    }

    func request() throws -> ExportRequest {
        return ExportRequest(
            filter: try SelectionArguments.filter(filter),
            policy: try SelectionArguments.policy(policy, minReward: minReward),
            writer: ExportRecordWriter(format: format ?? .agentinstruct, systemPrompt: system, withLabels: withLabels),
            split: try parsedSplit)
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let request = try request()
        let exporter = TrajectoryExporter(store: store)
        if dryRun {
            let result = try exporter.dryRun(request)
            Console.output(ExportSummary.table(result))
            if let hint = ExportSummary.noRewardHint(result, policy: request.policy) { Console.error(hint) }
            return
        }
        let splitPath = request.split.map { Self.path(out, inserting: $0.name) }
        let output: JSONLinesWriter
        let splitOutput: JSONLinesWriter?
        let result: ExportResult
        do {
            output = try JSONLinesWriter(path: out)
            splitOutput = try splitPath.map { path throws(OutputError) in try JSONLinesWriter(path: path) }
            result = try exporter.export(request, to: output, splitOutput: splitOutput)
        } catch let error as OutputError {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        let manifest = ExportSummary.manifest(
            result, request: request, storePath: storeOptions.path, outputs: [output] + (splitOutput.map { [$0] } ?? [])
        )
        for writer in [output] + (splitOutput.map { [$0] } ?? []) where writer.path != "-" {
            try Data((JSONWriter.string(manifest) + "\n").utf8).write(
                to: URL(fileURLWithPath: writer.path + ".manifest.json"))
        }
        Console.error(ExportSummary.table(result).trimmingCharacters(in: .newlines))
        if let hint = ExportSummary.noRewardHint(result, policy: request.policy) { Console.error(hint) }
        for writer in [output] + (splitOutput.map { [$0] } ?? []) where writer.path != "-" {
            Console.error("wrote \(writer.lines) lines to \(writer.path) (manifest: \(writer.path).manifest.json)")
        }
    }

    /// `agent.jsonl` with `valid` → `agent.valid.jsonl`.
    static func path(_ path: String, inserting name: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(stem).\(name)" : "\(stem).\(name).\(ext)"
    }
}

extension ExportFormat: ExpressibleByArgument {}
