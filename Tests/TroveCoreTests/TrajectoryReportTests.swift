import Testing
import TroveCore

/// What `trove show` prints around the steps: a header whose data stays on its lines, and how a run ended.
@Suite struct TrajectoryReportTests {
    private func trajectory(
        id: String, messages: [Message], metadata: JSONObject = JSONObject(), outcome: RunOutcome? = nil
    ) -> Trajectory {
        Trajectory(
            id: id, task: "tau-bench", source: SourceLocation(file: "f.json", line: 1),
            format: RecordFormat(listKey: "traj", style: .roleContent), messages: messages, metadata: metadata,
            outcome: outcome, originalRecord: [])
    }

    /// QA: an id with a line feed printed as two header lines, though ESC was escaped. Every piece of data in
    /// the header and in one-line fields (id, task, tags, note, reward reason, a tool's name) is written on
    /// one line, escaped as messages escape it.
    /// QA: `v` paged a record holding raw C1 and bidi characters as `\u{9b}` and `\u{202e}`, which is not
    /// JSON. The record's view uses JSON's escapes, so it parses to the same value and stays inert.
    @Test func theRecordsViewIsInertAndStillTheSameJSON() throws {
        let record = "{\"value\": \"raw \u{9B}2J, \u{202E}RLO, tag \u{E0041}\", \"n\": 1}"
        let shown = TrajectoryReport.visibleJSON(record)
        #expect(shown == #"{"value": "raw \u009b2J, \u202eRLO, tag \udb40\udc41", "n": 1}"#)
        #expect(shown.unicodeScalars.allSatisfy(TrajectoryReport.showsAsItself))
        #expect(try JSONParser.parse(Array(shown.utf8)) == (try JSONParser.parse(Array(record.utf8))))
    }

    @Test func headerDataStaysOnItsLine() {
        let messages = [
            Message(originalRole: "user", text: "Go."),
            Message(
                originalRole: "assistant", text: "", toolCalls: [ToolCall(id: "c", name: "ls\nrm", arguments: "{}")]),
        ]
        var run = trajectory(id: "line\nbreak\u{1B}[2J", messages: messages)
        run.task = "t\tx"
        let label = ReviewLabel(
            status: .accepted, rewardReason: "why\nnot", tags: ["a\nb"], note: "first\nsecond\u{202E}")
        let shown = TrajectoryReport.text(run, StepParser.parse(messages, task: nil, dialect: .toolCalls), label)
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(#"line\nbreak\e[2J  task t\tx  dialect tool-calls  group "#) == true)
        #expect(lines.contains { $0.hasSuffix(#"tags a\nb"#) })
        #expect(lines.contains(#"note first\nsecond\u{202e}"#))
        #expect(lines.contains(#"reward reason why\nnot"#))
        #expect(lines.contains(#"Action [ls\nrm]:"#))
    }

    /// QA: a tau-bench episode that crashed before its first turn printed only the two header lines. It says
    /// it has no steps and shows its record's error, as the review screen does; the JSON has the outcome and
    /// the error too.
    @Test func aRunWithoutStepsSaysSoAndShowsItsError() throws {
        let info = JSONObject([.init(key: "error", value: .string("EOF when reading a line"))])
        let run = trajectory(
            id: "tau-bench/task_0/trial_0", messages: [],
            metadata: JSONObject([.init(key: "info", value: .object(info))]), outcome: .error)
        let parsed = StepParser.parse(run)
        let shown = TrajectoryReport.text(run, parsed, .unreviewed)
        #expect(shown.contains("outcome error\n\nError:\n  EOF when reading a line\n"), "\(shown)")
        #expect(shown.hasSuffix("\nno steps: the record holds no turns; the run ended in an error (Error above)\n"))
        var json = ""
        TrajectoryReport.writeJSON(run, parsed, .unreviewed, to: &json)
        let object = try #require(try JSONParser.parse(Array(json.utf8)).objectValue)
        #expect(object["outcome"] == .string("error"))
        #expect(object["error"] == .string("EOF when reading a line"))
        #expect(object["steps"] == .array([]))
    }

    /// A run that states no error has none in the JSON, and one without steps says what it does state: its
    /// exit status.
    @Test func aRunWithoutAnErrorSaysItsExitStatus() throws {
        let messages = [Message(originalRole: "user", text: "Fix it.")]
        let run = trajectory(
            id: "swe", messages: messages,
            metadata: JSONObject([.init(key: "exit_status", value: .string("exit_cost"))]))
        let parsed = StepParser.parse(run)
        let shown = TrajectoryReport.text(run, parsed, .unreviewed)
        #expect(!shown.contains("Error:"))
        #expect(shown.hasSuffix("\nno steps: no agent turn follows the task; exit status exit_cost\n"), "\(shown)")
        var json = ""
        TrajectoryReport.writeJSON(run, parsed, .unreviewed, to: &json)
        let object = try #require(try JSONParser.parse(Array(json.utf8)).objectValue)
        #expect(object["outcome"] == .null)
        #expect(object["error"] == .null)
    }

    /// QA: WebArena's start page, the turn between the task and the first action, was left out of `show`
    /// while the review screen shows it as a `Turn`. The text shows it so, the JSON lists it under
    /// `opening`, and the store reads its text for the report.
    @Test func theTurnBeforeTheFirstActionIsShown() throws {
        let messages = [
            Message(originalRole: "user", text: "Find the price."),
            Message(originalRole: "user", text: "START PAGE"),
            Message(
                originalRole: "assistant", text: "",
                toolCalls: [ToolCall(id: "c", name: "stop", arguments: #"{"answer": "$3"}"#)]),
        ]
        let run = trajectory(id: "webarena/0/1", messages: messages)
        let parsed = StepParser.parse(messages, task: nil, dialect: .toolCalls)
        #expect(TrajectoryReport.openingTurns(parsed.turns) == 1..<2)
        let shown = TrajectoryReport.text(run, parsed, .unreviewed)
        #expect(shown.contains("\nTask:\n  Find the price.\n\nTurn · user:\n  START PAGE\n\n── step 1"), "\(shown)")
        var json = ""
        TrajectoryReport.writeJSON(run, parsed, .unreviewed, to: &json)
        let opening = try JSONParser.parse(Array(json.utf8)).objectValue?["opening"]
        #expect(opening == .array([.object(["message": .integer(1), "role": "user", "text": "START PAGE"])]))
        #expect(
            TrajectoryReport.readMessages(dialect: .toolCalls, turns: parsed.turns, roles: messages.map(\.role))
                .contains(1))
    }
}
