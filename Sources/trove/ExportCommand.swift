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
            line); --with-labels adds the review (with the trajectory's id) as the record's "trove" member, in \
            place of one it has, or, for a record that is a list (an OpenHands event list), writes \
            {"id", "record": <the record>, "trove"}
              sharegpt       {"id", "conversations": [{"from", "value", "loss"?}], "tools"?} in LLaMA-Factory's \
            layout: the turns alternate as LLaMA-Factory requires (consecutive user-side turns are one turn, so \
            are consecutive agent turns, and a system message after the first is user-side text under a \
            [system] line), a tool call is a function_call turn and its results an observation turn. FastChat \
            reads only the runs with no system turn and no tool call
              openai         {"messages": [{"role", "content", "weight"?, "tool_calls"?}], "tools"?} for TRL and \
            OpenAI fine-tuning; assistant turns whose loss is false get "weight": 0, a developer message is \
            written as system
              dpo            {"prompt", "chosen", "rejected"} (TRL's conversational preference format, messages as \
            in openai): pairs of a kept run and a rejected or below-threshold run of one task group; the prompt \
            is their shared messages up to the agent turn where they part (when they part before any agent \
            turn, as web pages do, the chosen run's messages up to its first one). --max-pairs-per-group \
            (default 4) caps each group's pairs, chosen by --seed. --pairs edits pairs each corrected turn \
            (trove edit, e in review; chosen) with the turn as imported (rejected), the prompt being the turns \
            before it; --pairs both writes both kinds
              kto            {"prompt", "completion", "label"}: each kept (true) and rejected or below-threshold \
            (false) run; the prompt is its messages up to the first agent turn after the task turn

            Policies:
              accepted       trajectories whose decision is accepted only (default; with one reviewer, \
            their accept)
              consensus      the same, decided by the team policy (`trove team`), which the manifest names; \
            the reward is the adjudicator's override, else the median of the reviewers' overrides, else the \
            environment's
              agenttuning    neither rejected nor disputed, and effective reward (the policy's, else the environment's) at least \
            the task's threshold: 1, mind2web 2/3 (AgentTuning's filter); --min-reward overrides. A trajectory \
            with no reward is unknown, not zero: excluded and counted as no-reward.

            A trajectory with no agent turn after its task (an empty run) has nothing to train on: the converted \
            formats leave it out, warn and count it in the manifest as left_out_empty.

            Output is in import order, so the same store and options give the same bytes. A manifest \
            (OUT.manifest.json, or --manifest FILE) records the filter, policy, counts per task, the store's fingerprint, trove's \
            version and each output's sha256. With --split valid=0.05, each task gives round(5%) of its kept \
            trajectories to OUT with ".valid" before the extension, chosen by --seed.

            OUT is replaced atomically: written under a unique temporary name beside it and renamed into \
            place, with the replaced file's mode. With --split, both files and their manifests are replaced \
            together (a killed run leaves all old or, once the next export to OUT has run, all new). - and \
            character devices, FIFOs and sockets (also through a symlink) are written straight through, with no \
            manifest unless --manifest is given. OUT may not be a directory, a symlink to a file, an SQLite \
            database (another store), the store or one of its files (its -wal, -shm or rejects file). An \
            export that selects nothing writes an empty OUT and says so on standard error.

            Examples:
              trove export --policy agenttuning --format sharegpt --out agent.jsonl
              trove export --where 'task:db or task:os' --format openai --system "You are a helpful, respectful and honest assistant." --out -
              trove export --policy agenttuning --min-reward mind2web=0.5 --format sharegpt --split valid=0.05 --seed 1 --out agent.jsonl
              trove export --policy agenttuning --dry-run
              trove export --where 'task:webarena' --format dpo --max-pairs-per-group 2 --seed 1 --out pairs.jsonl
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp(
            "Only trajectories matching this filter (docs/filter.md). has:\"text\" searches a trajectory's own "
                + "turns; context:, thought:, action:, observation: one part."))
    var filter: String = ""

    @Option(help: ArgumentHelp("accepted, agenttuning or consensus.", valueName: "policy"))
    var policy: SelectionArguments.PolicyName = .accepted

    @Option(
        help: ArgumentHelp(
            "Per-task reward thresholds for --policy agenttuning, e.g. mind2web=0.5,db=1 (*=x sets the rest).",
            valueName: "task=x,..."))
    var minReward: String?

    @Option(help: ArgumentHelp("agentinstruct, sharegpt, openai, dpo or kto.", valueName: "format"))
    var format: Format?

    @Option(
        help: ArgumentHelp(
            "A system prompt for sharegpt, openai, dpo and kto records that have none (not agentinstruct).",
            valueName: "text"))
    var system: String?

    @Option(help: ArgumentHelp("The most dpo pairs one task group gives.", valueName: "n"))
    var maxPairsPerGroup = 4

    @Option(
        help: ArgumentHelp(
            "Where dpo pairs come from: runs of one task, corrected turns, or both.", valueName: "runs|edits|both"))
    var pairs: PairSource = .runs

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    @Flag(
        help: """
            Add each trajectory's review and id under the "trove" key (agentinstruct: a list-shaped record \
            is wrapped as {"id", "record", "trove"}).
            """)
    var withLabels = false

    @Option(help: ArgumentHelp("Hold out a share per task into a second file, e.g. valid=0.05.", valueName: "name=x"))
    var split: String?

    @OptionGroup var seedOptions: SeedOptions

    @Option(
        help: ArgumentHelp(
            "Where to write the manifest (default: OUT.manifest.json beside each file; none for a stream).",
            valueName: "file"))
    var manifest: String?

    @Flag(help: "Print the counts per task and outcome without writing anything.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only problems, not the counts and files written.")
    var quiet = false

    var parsedSplit: ExportRequest.Split? {
        get throws {
            guard let split else { return nil }
            do {
                return try ExportRequest.Split(parsing: split, seed: seedOptions.seed)
            } catch {
                throw ValidationError("--split: \(error)")
            }
        }
    }

    /// What `--format` takes: a trajectory format or a preference format.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case agentinstruct, sharegpt, openai, dpo, kto

        var preference: PreferenceFormat? { PreferenceFormat(rawValue: rawValue) }
    }

    func validate() throws {
        if split != nil, out == "-", !dryRun { throw ValidationError("--split writes two files: give --out FILE") }
        if maxPairsPerGroup < 1 { throw ValidationError("--max-pairs-per-group must be at least 1") }
        if pairs != .runs, format?.preference != .dpo { throw ValidationError("--pairs is for --format dpo") }
        if system != nil, format == .agentinstruct {
            throw ValidationError(
                "--system is for the converted formats, not agentinstruct, which writes each record as imported")
        }
        if let preference = format?.preference {
            if split != nil { throw ValidationError("--split is for trajectory formats, not \(preference.rawValue)") }
            if withLabels {
                throw ValidationError("--with-labels is for trajectory formats, not \(preference.rawValue)")
            }
        }
        _ = try parsedSplit
        _ = try request()
    }

    /// The export asked for; `team` is the store's team policy, which `--policy consensus` names.
    func request(team: TeamPolicy = .solo) throws -> ExportRequest {
        return ExportRequest(
            filter: try SelectionArguments.filter(filter),
            policy: try SelectionArguments.policy(policy, minReward: minReward, team: team),
            writer: ExportRecordWriter(
                format: format.flatMap { ExportFormat(rawValue: $0.rawValue) } ?? .agentinstruct, systemPrompt: system,
                withLabels: withLabels),
            split: try parsedSplit)
    }

    func run() throws {
        // Here, not in validate(): ArgumentParser names an unknown option only after validate() passes,
        // and a mistyped option is the mistake to name first.
        if !dryRun, format == nil {
            throw ValidationError("--format is required (agentinstruct, sharegpt, openai, dpo or kto)")
        }
        let store = try storeOptions.openForReading()
        let request = try request(team: try store.teamPolicy())
        if system != nil, format == .agentinstruct {
            throw ValidationError(
                "--system is for the converted formats, not agentinstruct, which writes each record as imported")
        }
        if let preference = format?.preference {
            return try exportPreferences(
                PreferenceRequest(
                    filter: request.filter, policy: request.policy, format: preference,
                    writer: PreferenceRecordWriter(systemPrompt: system), maxPairsPerGroup: maxPairsPerGroup,
                    seed: seedOptions.seed, pairs: pairs),
                store: store)
        }
        let exporter = TrajectoryExporter(store: store)
        if dryRun {
            let result = try exporter.dryRun(request)
            Console.output(ExportSummary.table(result))
            if let hint = ExportSummary.noRewardHint(result, policy: request.policy) { Console.error(hint) }
            warnIfNothingSelected(result, request.filter)
            return
        }
        try Console.reportingWriteFailures {
            let target = try OutputTarget.resolve(out)
            if request.split != nil, target.isStream {
                throw ValidationError("--split writes two files: give --out FILE, not a stream")
            }
            let splitTarget = try request.split.map { split throws(OutputError) in
                try OutputTarget.resolve(Self.path(out, inserting: split.name))
            }
            let files = [target] + (splitTarget.map { [$0] } ?? [])
            let manifestTargets =
                try manifest.map { [try OutputTarget.resolve($0)] }
                ?? files.filter { !$0.isStream }.map { file throws(OutputError) in
                    try OutputTarget.resolve(file.path + ".manifest.json")
                }
            try FileIdentity.refuseOverlap(
                outputs: files + manifestTargets, inputs: [], reserved: storeOptions.reservedFiles)
            let outputs = try files.map { target throws(OutputError) in try JSONLinesWriter(target: target) }
            let result = try exporter.export(request, to: outputs[0], splitOutput: outputs.dropFirst().first)
            let manifestLine = Array(
                JSONWriter.string(
                    ExportSummary.manifest(
                        result, request: request, storePath: storeOptions.displayName, outputs: outputs)
                ).utf8)
            let manifests = try Self.manifests(manifestLine, to: manifestTargets)
            try OutputCommit.publish(outputs + manifests)
            if !quiet { Console.error(ExportSummary.table(result).trimmingCharacters(in: .newlines)) }
            if let hint = ExportSummary.noRewardHint(result, policy: request.policy) { Console.error(hint) }
            if let warning = ExportSummary.leftOutEmptyWarning(result.leftOutEmpty) { Console.error(warning) }
            if let warning = ExportSummary.thoughtsLeftOutWarning(result.thoughtsLeftOut) { Console.error(warning) }
            if let warning = ExportSummary.emptyTrainedTurnsWarning(result.emptyTrainedTurns) { Console.error(warning) }
            if let warning = ExportSummary.maskedByJoiningWarning(result.maskedByJoining) { Console.error(warning) }
            if let warning = ExportSummary.undecodedTextWarning(result.undecodedText, format: request.writer.format) {
                Console.error(warning)
            }
            if let split = request.split, let splitOutput = outputs.dropFirst().first {
                for warning in ExportSummary.emptySplitWarnings(
                    result, split: split, output: outputs[0].path, splitOutput: splitOutput.path)
                {
                    Console.error(warning)
                }
            }
            warnIfNothingSelected(result, request.filter)
            for (index, writer) in outputs.enumerated() where !writer.target.isStream && !quiet {
                // Each file's own manifest beside it, else the one --manifest names for all of them.
                let described = manifests.count == outputs.count ? manifests[index] : manifests.first
                Console.error(
                    "wrote \(Plural.counted(writer.lines, "line")) to \(Console.visible(writer.path))"
                        + (described.map { " (manifest: \(Console.visible($0.path)))" } ?? ""))
            }
        }
    }

    /// The manifest `line` written to each of `targets`, finished but not yet published (it is
    /// published with the outputs it describes).
    private static func manifests(_ line: [UInt8], to targets: [OutputTarget]) throws(OutputError) -> [JSONLinesWriter]
    {
        try targets.map { target throws(OutputError) in
            let writer = try JSONLinesWriter(target: target)
            try writer.write(line: line)
            try writer.finish()
            return writer
        }
    }

    /// `--format dpo` or `kto`: one output and its manifest, replaced as the trajectory formats' are.
    private func exportPreferences(_ request: PreferenceRequest, store: any ExportSource) throws {
        let exporter = PreferenceExporter(store: store)
        if dryRun {
            let result = try exporter.export(request, to: nil)
            Console.output(
                ExportSummary.table(result) + Self.preferenceLine(result, format: request.format, pairs: request.pairs))
            warnIfNothingSelected(result, request.filter)
            return
        }
        try Console.reportingWriteFailures {
            let target = try OutputTarget.resolve(out)
            let manifestTargets =
                try manifest.map { [try OutputTarget.resolve($0)] }
                ?? (target.isStream ? [] : [try OutputTarget.resolve(target.path + ".manifest.json")])
            try FileIdentity.refuseOverlap(
                outputs: [target] + manifestTargets, inputs: [], reserved: storeOptions.reservedFiles)
            let output = try JSONLinesWriter(target: target)
            let result = try exporter.export(request, to: output)
            let manifestLine = Array(
                JSONWriter.string(
                    ExportSummary.manifest(
                        result, request: request, storePath: storeOptions.displayName, outputs: [output])
                ).utf8)
            let manifests = try Self.manifests(manifestLine, to: manifestTargets)
            try OutputCommit.publish([output] + manifests)
            if !quiet {
                Console.error(
                    (ExportSummary.table(result)
                        + Self.preferenceLine(result, format: request.format, pairs: request.pairs))
                        .trimmingCharacters(in: .newlines))
            }
            if let warning = ExportSummary.leftOutEmptyWarning(result.leftOutEmpty) { Console.error(warning) }
            if let warning = ExportSummary.leftOutMaskedWarning(result.leftOutMasked, format: request.format) {
                Console.error(warning)
            }
            if let warning = ExportSummary.preferenceWarning(result, format: request.format, pairs: request.pairs) {
                Console.error(warning)
            }
            warnIfNothingSelected(result, request.filter)
            if !target.isStream && !quiet {
                Console.error(
                    "wrote \(Plural.counted(output.lines, "line")) to \(Console.visible(output.path))"
                        + (manifests.isEmpty ? "" : " (manifest: \(Console.visible(manifests[0].path)))"))
            }
        }
    }

    /// Warns on standard error when `filter` and `--policy` left nothing to export (the output is
    /// empty, which is valid).
    private func warnIfNothingSelected(_ result: ExportResult, _ filter: Filter) {
        if let warning = ExportSummary.nothingSelectedWarning(result, filter: filter, policyName: policy.rawValue) {
            Console.error(warning)
        }
    }

    /// `dpo: 3 pairs of runs, 1 of corrected turns` or `kto: 2 desirable, 1 undesirable`, with a line
    /// break; the corrected turns' count whenever `pairs` asks for them, 0 included.
    static func preferenceLine(_ result: ExportResult, format: PreferenceFormat, pairs source: PairSource) -> String {
        switch format {
        case .dpo:
            let pairs = result.total(preferences: "runs")
            let edits = result.total(preferences: "edits")
            return "dpo: \(Plural.counted(pairs, "pair")) of runs"
                + (source.includesEdits ? ", \(edits) of corrected turns" : "") + "\n"
        case .kto:
            return "kto: \(result.total(preferences: "desirable")) desirable, "
                + "\(result.total(preferences: "undesirable")) undesirable\n"
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

extension PairSource: ExpressibleByArgument {}
