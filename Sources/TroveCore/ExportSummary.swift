import Foundation

/// The counts table and the manifest of an export.
public enum ExportSummary {
    /// Per task, how many trajectories had each outcome, as an aligned text table with a total row.
    public static func table(_ result: ExportResult) -> String {
        let outcomes = ExportOutcome.allCases
        let tasks = result.outcomes.keys.sorted()
        let width = max(5, tasks.map(\.count).max() ?? 5)
        var out = "task".padding(toLength: width, withPad: " ", startingAt: 0)
        for outcome in outcomes { out += " " + outcome.rawValue.leftPadded(to: max(6, outcome.rawValue.count)) }
        out += "\n"
        for task in tasks + ["total"] {
            out += task.padding(toLength: width, withPad: " ", startingAt: 0)
            for outcome in outcomes {
                let count = task == "total" ? result.total(outcome) : result.outcomes[task]?[outcome] ?? 0
                out += " " + String(count).leftPadded(to: max(6, outcome.rawValue.count))
            }
            out += "\n"
        }
        return out
    }

    /// What to do about trajectories `--policy agenttuning` left out for having no reward, said once
    /// per export; nil when there are none or another policy ran.
    public static func noRewardHint(_ result: ExportResult, policy: ExportPolicy) -> String? {
        guard case .agentTuning = policy else { return nil }
        let count = result.total(.noReward)
        guard count > 0 else { return nil }
        return """
            trove: \(Plural.trajectories(count)) \(count == 1 ? "has" : "have") no reward, and --policy agenttuning keeps \
            only rewarded ones. The released AgentInstruct data was already filtered by reward: import it \
            again with --reward 1 (this fills unknown rewards), or set rewards with trove label --reward.
            """
    }

    /// A warning for trajectories written with text trove could not decode, `count` of them in `format`;
    /// nil when none.
    public static func undecodedTextWarning(_ count: Int, format: ExportFormat) -> String? {
        guard count > 0 else { return nil }
        let what =
            format == .agentinstruct
            ? "their records' bytes as imported, invalid UTF-8 included (a strict JSON reader fails on those lines)"
            : "U+FFFD where their records had invalid UTF-8, an escaped NUL or a lone surrogate, or the character "
                + "itself (a source that lost characters before trove read it)"
        return "trove: warning: \(Plural.trajectories(count)) written with U+FFFD, the replacement character, "
            + "(flag:bad-encoding): \(what); --where 'not flag:bad-encoding' leaves them out."
    }

    /// A warning for `count` agent turns written trained with no text; nil when none.
    public static func emptyTrainedTurnsWarning(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return "trove: warning: \(Plural.counted(count, "agent turn")) written trained with no text (a blank "
            + "correction, or an empty turn as imported: flag:empty-turn): a trainer learns to answer with nothing; "
            + "trove edit corrects a turn, --where 'not flag:empty-turn' leaves such runs out."
    }

    /// A warning for ShareGPT `function_call` turns written without some of their text
    /// (``ShareGPTThought``), `count` of them; nil when none.
    public static func thoughtsLeftOutWarning(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return """
            trove: warning: \(Plural.counted(count, "function_call turn")) written without some of the agent's \
            text: LLaMA-Factory reads one <think> block before the calls, and the text after the agent's own \
            block (or a </think> elsewhere) has no place there; --format openai keeps text and calls apart.
            """
    }

    /// A warning for the trajectories with nothing to train on that an export left out (their `ids`, in
    /// row order), or the `examples` of a mix pool; nil when none. It names the first five, made inert on
    /// a terminal, and says how to find such runs.
    public static func leftOutEmptyWarning(_ ids: [String], examples: String? = nil) -> String? {
        guard !ids.isEmpty else { return nil }
        let what = examples.map { Plural.counted(ids.count, "\($0) example") } ?? Plural.trajectories(ids.count)
        return "trove: warning: \(what) left out, with no agent turn after the task to train on "
            + "(an empty run, a task with no reply): \(firstFive(ids)). The manifest counts them as left_out_empty; "
            + "--where 'steps:0' selects most such runs."
    }

    /// A warning naming the runs a preference export (`format`) wrote an example less of because it would
    /// have trained on a masked agent turn (``ExportResult/leftOutMasked``); nil when none.
    public static func leftOutMaskedWarning(_ ids: [String], format: PreferenceFormat) -> String? {
        guard !ids.isEmpty else { return nil }
        let runs = Plural.trajectories(ids.count)
        let what =
            switch format {
            case .dpo:
                "pairs with \(runs) not written: a continuation held a masked agent turn (or the corrected turn was "
                    + "masked)"
            case .kto:
                "\(runs) left out of kto, masked up to the last agent turn (a completion starts after the last "
                    + "masked turn)"
            }
        return "trove: warning: \(what), and a preference trainer learns from whole continuations: \(firstFive(ids)). "
            + "The manifest counts them as left_out_masked."
    }

    /// Why a mix's pool of `examples` ("agent", "general") is empty when every example it selected was left
    /// out as ``leftOutEmptyWarning(_:examples:)`` leaves them out, naming them; nil when none was (the
    /// pool selected nothing, and the caller says why).
    public static func everyExampleLeftOutEmpty(_ ids: [String], examples: String) -> String? {
        guard !ids.isEmpty else { return nil }
        let every = ids.count == 1 ? "the one \(examples) example" : "all \(ids.count) \(examples) examples"
        return "trove: \(every) selected \(ids.count == 1 ? "was" : "were") left out, with no agent turn after the "
            + "task to train on (an empty run, a task with no reply): \(firstFive(ids))."
    }

    /// The first five of `ids`, made inert and on one line, then how many more.
    private static func firstFive(_ ids: [String]) -> String {
        let shown = ids.prefix(5).map(TrajectoryReport.visibleOnOneLine)
        return shown.joined(separator: ", ") + (ids.count > shown.count ? " and \(ids.count - shown.count) more" : "")
    }

    /// A warning for a preference export that wrote none of one kind while the policy kept runs, saying
    /// what the missing kind needs: DPO pairs of runs need a kept run and a rejected or below-threshold run
    /// of one task group; KTO needs desirable and undesirable examples. Nil when both kinds were written, or
    /// when nothing was selected (``nothingSelectedWarning(_:filter:policyName:)`` says why).
    public static func preferenceWarning(_ result: ExportResult, format: PreferenceFormat, pairs: PairSource)
        -> String?
    {
        let kept = result.total(.kept)
        let dispreferred = result.total(.rejected) + result.total(.belowThreshold)
        switch format {
        case .dpo:
            guard kept > 0, pairs != .edits, result.total(preferences: "runs") == 0 else { return nil }
            let why =
                dispreferred == 0
                ? "the policy kept \(Plural.trajectories(kept)) and rejected none (a reviewer's reject or a reward "
                    + "under the task's threshold makes the other side of a pair)"
                : "a pair is a kept and a rejected or below-threshold run of one task instance that part at an agent "
                    + "turn, each with something to train on, and no task group here gave one"
            return "trove: warning: no dpo pair of runs: \(why)"
                + (pairs == .runs ? "; --pairs edits pairs reviewers' corrected turns instead." : ".")
        case .kto:
            let (desirable, undesirable) = (
                result.total(preferences: "desirable"), result.total(preferences: "undesirable")
            )
            guard desirable + undesirable > 0 || kept > 0 else { return nil }
            if undesirable == 0 {
                return "trove: warning: no undesirable kto example: the policy rejected no run with an agent turn "
                    + "to train on (a reviewer's reject or a reward under the task's threshold makes one); KTO "
                    + "trainers need both kinds."
            }
            if desirable == 0 {
                return "trove: warning: no desirable kto example: the policy kept no run with an agent turn to "
                    + "train on; KTO trainers need both kinds."
            }
            return nil
        }
    }

    /// Warnings for the parts of a split export that got no record while the other got some, each naming
    /// its file: the held-out part (`split`, written to `splitOutput`) when `round(written × fraction)` is 0
    /// for every task, the rest (`output`) when that share is every record of every task. Empty when both
    /// got records, or when nothing was written at all (``nothingSelectedWarning(_:filter:policyName:)``
    /// says why then).
    public static func emptySplitWarnings(
        _ result: ExportResult, split: ExportRequest.Split, output: String, splitOutput: String
    ) -> [String] {
        let rest = result.written[output] ?? 0
        let held = result.written[splitOutput] ?? 0
        guard rest + held > 0 else { return [] }
        let share = "round(written × \(split.fraction))"
        if held == 0 {
            return [
                "trove: warning: the split \(TrajectoryReport.visibleOnOneLine(split.name)) got no records: \(TrajectoryReport.visibleOnOneLine(splitOutput)) is "
                    + "empty, as each task holds out \(share) of its trajectories and that is 0 for every task "
                    + "here; a larger fraction holds some out."
            ]
        }
        if rest == 0 {
            return [
                "trove: warning: \(TrajectoryReport.visibleOnOneLine(output)) got no records: the split \(TrajectoryReport.visibleOnOneLine(split.name)) took all "
                    + "\(Plural.trajectories(held)), as each task holds out \(share) of its trajectories; "
                    + "a smaller fraction leaves some."
            ]
        }
        return []
    }

    /// A warning for agent turns written untrained because ShareGPT output joined them with a masked turn
    /// (``ShareGPTConversation``), `count` of them; nil when none.
    public static func maskedByJoiningWarning(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return """
            trove: warning: \(Plural.counted(count, "agent turn")) written untrained: LLaMA-Factory needs the turns \
            to alternate, so consecutive agent turns are joined into one, and a joined turn with a masked part is \
            not trained; --format openai keeps them apart.
            """
    }

    /// A warning for an export that has nothing to write because `filter` matched no trajectory, or
    /// `policy` (named `policyName`, as `--policy` takes it) kept none of those it matched; nil when
    /// some trajectory was kept or some line written (`--pairs edits` pairs runs whatever the policy
    /// decides). An empty output is valid, so this only warns; when the filter matched nothing it says
    /// that filter values are case-sensitive and that `trove stats` lists the tasks.
    public static func nothingSelectedWarning(_ result: ExportResult, filter: Filter, policyName: String) -> String? {
        guard result.total(.kept) == 0, result.written.values.allSatisfy({ $0 == 0 }) else { return nil }
        let matched = result.outcomes.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        let option = whereOption(filter)
        let prefix = "trove: warning: nothing to export: "
        guard matched == 0 else {
            return prefix + "--policy \(policyName) keeps none of the \(Plural.trajectories(matched)) "
                + (option.map { "\($0) matches" } ?? "in the store") + " (the counts above say why)"
        }
        return prefix
            + (option.map { "no trajectory matches \($0)." + (filterValuesHint(filter).map { " " + $0 } ?? "") }
                ?? "the store has no trajectories")
    }

    /// What to check when `filter` matches nothing: that its names (tasks, ids, tags, reviewers) match
    /// case and all; nil when it tests none of them. `lister` is the command that lists the tasks.
    public static func filterValuesHint(_ filter: Filter, lister: String = "trove stats") -> String? {
        guard filter.expression?.fields.contains(where: \.isCaseSensitive) == true else { return nil }
        return "Filter values are case-sensitive (task:os is not task:OS); \(lister) lists the tasks."
    }

    /// `--where 'TEXT'` for `filter`, quoted for a shell and inert on a terminal; nil for the empty filter.
    public static func whereOption(_ filter: Filter) -> String? {
        let text = filter.source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        return "--where " + ShellWord.quoted(text)
    }

    /// The export's manifest: what was selected, how, from which store state, and each output's size and hash.
    public static func manifest(
        _ result: ExportResult, request: ExportRequest, storePath: String, outputs: [JSONLinesWriter]
    ) -> JSONValue {
        let members: [JSONObject.Member] = [
            .init(key: "format", value: .string(request.writer.format.rawValue)),
            .init(key: "system_prompt", value: .optional(request.writer.systemPrompt)),
            .init(key: "with_labels", value: .bool(request.writer.withLabels)),
            .init(key: "masked_turns", value: .integer(result.maskedTurns)),
            .init(
                key: "masks_written",
                value: .bool(request.writer.format != .agentinstruct || request.writer.withLabels)),
            .init(key: "edited_turns", value: .integer(result.editedTurns)),
            .init(key: "thoughts_left_out", value: .integer(result.thoughtsLeftOut)),
            .init(key: "empty_trained_turns", value: .integer(result.emptyTrainedTurns)),
            .init(key: "joined_turns", value: .integer(result.joinedTurns)),
            .init(key: "masked_by_joining", value: .integer(result.maskedByJoining)),
            .init(key: "left_out_empty", value: .integer(result.leftOutEmpty.count)),
            .init(key: "undecoded_text", value: .integer(result.undecodedText)),
            .init(
                key: "edits_written",
                value: .bool(request.writer.format != .agentinstruct || request.writer.withLabels)),
            .init(
                key: "split",
                value: request.split.map {
                    .object([
                        "name": .string($0.name), "fraction": .real($0.fraction), "seed": .number(String($0.seed)),
                    ])
                } ?? .null),
        ]
        return manifest(
            result, filter: request.filter, policy: request.policy, members: members, storePath: storePath,
            outputs: outputs)
    }

    /// A preference export's manifest: as a trajectory export's, with the pairing options and, under
    /// `preferences`, the lines per task and source.
    public static func manifest(
        _ result: ExportResult, request: PreferenceRequest, storePath: String, outputs: [JSONLinesWriter]
    ) -> JSONValue {
        let preferences = JSONObject(
            result.preferences.keys.sorted().map { task in
                let counts = result.preferences[task] ?? [:]
                return JSONObject.Member(
                    key: task,
                    value: .object(
                        JSONObject(counts.keys.sorted().map { .init(key: $0, value: .integer(counts[$0]!)) })))
            })
        let members: [JSONObject.Member] = [
            .init(key: "format", value: .string(request.format.rawValue)),
            .init(key: "system_prompt", value: .optional(request.writer.systemPrompt)),
            .init(key: "max_pairs_per_group", value: .integer(request.maxPairsPerGroup)),
            .init(key: "seed", value: .number(String(request.seed))),
            .init(key: "pairs", value: .string(request.pairs.rawValue)),
            .init(key: "preferences", value: .object(preferences)),
            .init(key: "masked_turns", value: .integer(result.maskedTurns)),
            .init(key: "masks_written", value: .bool(true)),
            .init(key: "edited_turns", value: .integer(result.editedTurns)),
            .init(key: "edits_written", value: .bool(true)),
            .init(key: "left_out_empty", value: .integer(result.leftOutEmpty.count)),
            .init(key: "left_out_masked", value: .integer(result.leftOutMasked.count)),
        ]
        return manifest(
            result, filter: request.filter, policy: request.policy, members: members, storePath: storePath,
            outputs: outputs)
    }

    private static func manifest(
        _ result: ExportResult, filter: Filter, policy: ExportPolicy, members: [JSONObject.Member],
        storePath: String, outputs: [JSONLinesWriter]
    ) -> JSONValue {
        let counts = JSONObject(
            result.outcomes.keys.sorted().map { task in
                JSONObject.Member(
                    key: task,
                    value: .object(
                        JSONObject(
                            ExportOutcome.allCases.map {
                                JSONObject.Member(key: $0.rawValue, value: .integer(result.outcomes[task]?[$0] ?? 0))
                            })))
            })
        let head: [JSONObject.Member] = [
            .init(key: "trove_version", value: .string(TroveVersion.current)),
            .init(key: "created_at", value: .string(ISO8601DateFormatter().string(from: Date()))),
            .init(key: "store", value: .string(storePath)),
            .init(key: "store_fingerprint", value: .string(result.fingerprint)),
            .init(key: "filter", value: .string(filter.description)),
            .init(key: "policy", value: .string(policy.description)),
        ]
        let tail: [JSONObject.Member] = [
            .init(key: "counts", value: .object(counts)),
            .init(key: "agreement", value: result.agreement?.json ?? .null),
            .init(
                key: "outputs",
                value: .array(
                    outputs.map {
                        .object([
                            "path": .string($0.path), "lines": .integer($0.lines), "bytes": .integer($0.bytes),
                            "sha256": .string($0.sha256),
                        ])
                    })),
        ]
        return .object(JSONObject(head + members + tail))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
