import Testing

@testable import TroveCore

/// The Terminus dialect (Terminal-Bench, harbor's Terminus-2): JSON and XML replies read as harbor's
/// parsers read them, their thoughts, keystrokes and completion, malformed replies, and detection.
@Suite struct TerminusStepParserTests {
    static let prompt = #"""
        Answer with JSON: {"analysis": "...", "plan": "...", "commands": [{"keystrokes": "ls\n", "duration": 0.1}], "task_complete": false}

        Task Description:
        Write hi to /app/hi.txt.
        """#

    static let xmlPrompt = #"""
        Answer with <response><analysis/><plan/><commands><keystrokes duration="0.1">ls
        </keystrokes></commands><task_complete>false</task_complete></response>

        Task Description:
        Write hi to /app/hi.txt.
        """#

    static func read(_ turn: String) -> TurnReading? {
        turn.withTurnText(StepParser.readTerminusTurn)
    }

    /// A reply as Terminus writes it.
    static func reply(_ analysis: String, _ plan: String, keys: [String], complete: Bool = false) -> String {
        let commands = keys.map { #"{"keystrokes": "\#($0)", "duration": 0.1}"# }.joined(separator: ", ")
        return
            #"{"analysis": "\#(analysis)", "plan": "\#(plan)", "commands": [\#(commands)], "task_complete": \#(complete)}"#
    }

    /// The prompt, then each reply answered by the terminal (the last one unanswered).
    static func run(_ replies: [String], prompt: String = prompt) -> [Message] {
        var messages = [Message(originalRole: "user", text: prompt)]
        for (index, reply) in replies.enumerated() {
            messages.append(Message(originalRole: "assistant", text: reply))
            if index < replies.count - 1 {
                messages.append(Message(originalRole: "user", text: "New Terminal Output:\n\nroot@box:/app# \n"))
            }
        }
        return messages
    }

    /// Every reading reassembles its turn, with no empty piece.
    static func expectLossless(
        _ reading: TurnReading?, _ turn: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let reading else { return }
        #expect(reading.segments.map(\.text).joined() == turn, sourceLocation: sourceLocation)
        #expect(!reading.segments.contains { $0.text.isEmpty }, sourceLocation: sourceLocation)
    }

    // MARK: - Waits

    /// QA: the replies' durations were not read. Each command's wait is what harbor waits after its keys:
    /// the duration asked, at most 60 s and at least 0, 1 s when there is none or it is not a number
    /// (Python's `bool` is one).
    @Test(arguments: [
        (#""duration": 0.1"#, 0.1, "0.1 s"), (#""duration": 120"#, 60, "60 s (asked 120)"),
        (#""duration": 60"#, 60, "60 s"), ("", 1, "1 s (default)"), (#""duration": "5""#, 1, "1 s (default)"),
        (#""duration": -3"#, 0, "0 s (asked -3)"), (#""duration": true"#, 1, "1 s"),
        (#""duration": null"#, 1, "1 s (default)"),
    ])
    func aJSONCommandsWaitIsHarbors(member: String, seconds: Double, shown: String) throws {
        let command = #"{"keystrokes": "make\n""# + (member.isEmpty ? "" : ", " + member) + "}"
        let turn = #"{"analysis": "", "plan": "", "commands": [\#(command)]}"#
        let waits = try #require(TerminusWait.waits(ofReply: turn))
        #expect(waits.map(\.seconds) == [seconds])
        #expect(TerminusWait.describe(waits) == shown)
    }

    @Test func xmlWaitsReadTheDurationAttribute() throws {
        let turn = """
            <response><analysis>a</analysis><plan>p</plan><commands>
            <keystrokes duration="0.5">make
            </keystrokes><keystrokes>ls
            </keystrokes><keystrokes duration = '2.25' >pwd
            </keystrokes><keystrokes duration="soon">cd
            </keystrokes></commands></response>
            """
        let waits = try #require(TerminusWait.waits(ofReply: turn))
        #expect(waits.map(\.asked) == [0.5, nil, 2.25, nil])
        #expect(TerminusWait.describe(waits) == "0.5 s + 1 s (default) + 2.25 s + 1 s (default) = 4.75 s")
    }

    /// A wait alone (no keys) is a wait all the same; text that is no reply has none.
    @Test func aWaitWithoutKeysIsReadAndNoReplyHasNone() throws {
        let wait =
            #"{"analysis": "Still compiling.", "plan": "Wait.", "commands": [{"keystrokes": "", "duration": 30}]}"#
        #expect(try #require(TerminusWait.waits(ofReply: wait)).map(\.seconds) == [30])
        #expect(Self.read(wait)?.action == nil)
        #expect(TerminusWait.waits(ofReply: "I will run make.") == nil)
        #expect(TerminusWait.describe([]) == "")
    }

    // MARK: - JSON replies

    @Test func jsonReplyReadsAnalysisAndPlanAsTheThoughtAndEveryCommandInOrder() throws {
        let turn = Self.reply("The shell is idle.", "List, then read.", keys: [#"ls -la\n"#, #"cat notes.txt\n"#])
        let reading = try #require(Self.read(turn))
        #expect(reading.thought == "The shell is idle.\n\nList, then read.")
        #expect(reading.action == StepAction(kind: "keystrokes", argument: "ls -la\ncat notes.txt\n"))
        #expect(reading.finalAnswer == nil)
        #expect(reading.actsOnEnvironment && !reading.endsTask)
        #expect(
            reading.segments.map(\.kind) == [
                .syntax, .thought, .syntax, .thought, .syntax, .actionArgument, .syntax, .actionArgument, .syntax,
            ])
        #expect(
            reading.segments.filter { $0.kind == .actionArgument }.map(\.text) == [#"ls -la\n"#, #"cat notes.txt\n"#])
        Self.expectLossless(reading, turn)
    }

    /// QA: `C-c` then `:q!\n` read as one command `C-c:q!`; a command that is one tmux key name is
    /// sent as that key, and the action marks it.
    @Test func aCommandThatIsOneTmuxKeyIsMarkedAsThatKey() throws {
        let turn = Self.reply("Vim is open.", "Quit it.", keys: ["C-c", #":q!\n"#, "Escape", "Up", "C-M-x", "q"])
        let reading = try #require(Self.read(turn))
        #expect(reading.action == StepAction(kind: "keystrokes", argument: "<C-c>:q!\n<Escape><Up><C-M-x>q"))
        for literal in ["C-", "echo C-c", "Cc", "F0", "F13", "F+5", "^", "C- "] {
            #expect(!TerminusResponse.isKeyName(literal), "\(literal)")
        }
        for key in ["C-d", "M-b", "S-Tab", "^C", "F12", "BSpace", "PageDown", "enter", "c-c", "up"] {
            #expect(TerminusResponse.isKeyName(key), "\(key)")
        }
    }

    /// The thought is the decoded text (escapes, `\u` escapes and surrogate pairs, UTF-8 as is); the
    /// segments keep the reply's bytes as written.
    @Test func jsonEscapesAndUnicodeDecodeInTheThoughtAndStayAsWrittenInTheSegments() throws {
        let analysis = #"Tab\there, \"quoted\", caf\u00e9 → naïve, \ud83d\ude00 and a back\\slash."#
        let turn = Self.reply(analysis, #"1. Look.\n2. Act."#, keys: [#"printf '%s\\n' \"a b\"\n"#])
        let reading = try #require(Self.read(turn))
        #expect(reading.thought == "Tab\there, \"quoted\", café → naïve, 😀 and a back\\slash.\n\n1. Look.\n2. Act.")
        #expect(reading.action?.argument == "printf '%s\\n' \"a b\"\n")
        #expect(reading.segments.first { $0.kind == .thought }?.text == analysis)
        Self.expectLossless(reading, turn)
    }

    /// Text around the JSON (a fence, words with braces) is the model's own: `other`, as harbor ignores it.
    @Test func textAroundTheObjectIsOtherAndBracesBeforeItAreSkipped() throws {
        let turn = "I will check {this} first.\n```json\n" + Self.reply("a", "b", keys: ["pwd\\n"]) + "\n```\n"
        let reading = try #require(Self.read(turn))
        #expect(reading.thought == "a\n\nb")
        #expect(reading.action?.argument == "pwd\n")
        #expect(reading.segments.first == Segment(.other, "I will check {this} first.\n```json"))
        #expect(reading.segments.suffix(2) == [Segment(.other, "```"), Segment(.syntax, "\n")])
        Self.expectLossless(reading, turn)
    }

    /// No keys is no action: an empty list, or only waits (`"keystrokes": ""`).
    @Test(arguments: [[String](), [""], ["", ""]])
    func aReplyWithoutKeysOnlyWaits(keys: [String]) throws {
        let reading = try #require(Self.read(Self.reply("Still compiling.", "Wait.", keys: keys)))
        #expect(reading.action == nil)
        #expect(!reading.actsOnEnvironment && !reading.endsTask)
    }

    @Test func taskCompleteEndsTheTaskAndIsTheActionWhenNoKeysAreSent() throws {
        let done = try #require(Self.read(Self.reply("Done.", "", keys: [], complete: true)))
        #expect(done.action == StepAction(kind: "task_complete", argument: ""))
        #expect(done.thought == "Done.")
        #expect(done.endsTask && !done.actsOnEnvironment)
        #expect(done.segments.contains(Segment(.actionKind, "true")))
        let typing = try #require(Self.read(Self.reply("Last check.", "Print it.", keys: ["cat a\\n"], complete: true)))
        #expect(typing.action == StepAction(kind: "keystrokes", argument: "cat a\n"))
        #expect(typing.endsTask && typing.actsOnEnvironment)
    }

    /// `task_complete` as harbor reads it: a boolean, a string `true`/`1`/`yes` in any case, a number.
    @Test(arguments: [
        (#"true"#, true), (#"false"#, false), (#""True""#, true), (#""yes""#, true), (#""1""#, true),
        (#""no""#, false), (#"1"#, true), (#"0"#, false), (#"null"#, false),
    ])
    func taskCompleteValues(value: String, complete: Bool) throws {
        let turn = #"{"analysis": "a", "plan": "p", "commands": [], "task_complete": \#(value)}"#
        #expect(try #require(Self.read(turn)).endsTask == complete)
    }

    /// Replies harbor refuses fall back to raw: cut off, invalid, a required member missing or mistyped,
    /// commands that do not read, a member written twice with different values.
    @Test(arguments: [
        #"{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\n"}], "task_complete": false"#,
        #"{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\n"},], "task_complete": false}"#,
        #"{"analysis": "a", "commands": [{"keystrokes": "ls\n"}]}"#,
        #"{"analysis": 3, "plan": "p", "commands": []}"#,
        #"{"analysis": "a", "plan": "p", "commands": "ls\n"}"#,
        #"{"analysis": "a", "plan": "p", "commands": [{"keys": "ls\n"}]}"#,
        #"{"analysis": "a", "plan": "p", "commands": [{"keystrokes": 7}]}"#,
        #"{"analysis": "a", "analysis": "b", "plan": "p", "commands": []}"#,
        #"{"analysis": "a", "plan": "p", "commands": [{"keystrokes": "ls\n", "keystrokes": "rm -rf /\n"}]}"#,
        "I would run ls -la next.", "",
    ])
    func malformedRepliesDoNotRead(turn: String) {
        #expect(Self.read(turn) == nil)
    }

    @Test func aMemberWrittenTwiceAlikeStillReads() throws {
        let turn = #"{"analysis": "a", "analysis": "a", "plan": "p", "commands": []}"#
        #expect(try #require(Self.read(turn)).thought == "a\n\np")
    }

    /// Harbor runs nothing for commands that do not read but still ends a completing reply: it reads with
    /// no keys, the commands' text `other`.
    @Test func unreadableCommandsOfACompletingReplyAreOther() throws {
        let turn = #"{"analysis": "a", "plan": "p", "commands": [{"keys": "ls"}], "task_complete": true}"#
        let reading = try #require(Self.read(turn))
        #expect(reading.action == StepAction(kind: "task_complete", argument: ""))
        #expect(reading.segments.contains(Segment(.other, #"[{"keys": "ls"}]"#)))
        Self.expectLossless(reading, turn)
    }

    // MARK: - XML replies

    @Test func xmlReplyReadsItsElementsVerbatim() throws {
        let turn = """
            <response>
            <analysis>
              The file is missing &amp; the shell is idle.
            </analysis>
            <plan>Write it, then show it.</plan>
            <commands>
            <keystrokes duration="0.1">echo hi > hi.txt
            </keystrokes>
            <keystrokes duration="0.1">cat hi.txt
            </keystrokes>
            </commands>
            <task_complete>TRUE</task_complete>
            </response>
            """
        let reading = try #require(Self.read(turn))
        #expect(reading.thought == "The file is missing &amp; the shell is idle.\n\nWrite it, then show it.")
        #expect(reading.action == StepAction(kind: "keystrokes", argument: "echo hi > hi.txt\ncat hi.txt\n"))
        #expect(reading.endsTask && reading.actsOnEnvironment)
        #expect(
            reading.segments.map(\.kind) == [
                .syntax, .thought, .syntax, .thought, .syntax, .actionArgument, .syntax, .actionArgument, .syntax,
                .actionKind, .syntax,
            ])
        Self.expectLossless(reading, turn)
    }

    @Test func xmlEmptyCommandsWaitAndAMissingCommandsElementDoesNotRead() throws {
        let waiting = "<response><analysis>Building.</analysis><plan>Wait.</plan><commands/></response>"
        let reading = try #require(Self.read(waiting))
        #expect(reading.action == nil && !reading.endsTask)
        #expect(Self.read("<response><analysis>Hm.</analysis><plan>Think.</plan></response>") == nil)
        let done = try #require(Self.read("<response><analysis>Done.</analysis><task_complete>true</task_complete>"))
        #expect(done.action == StepAction(kind: "task_complete", argument: "") && done.endsTask)
    }

    /// A reply cut off before `</response>` runs to the turn's end, as harbor's fix reads it; elements
    /// that overlap leave no one way to cut the turn.
    @Test func xmlCutOffReadsAndOverlappingElementsDoNot() throws {
        let cut =
            "Sure.\n<response><analysis>a</analysis><plan>b</plan><commands><keystrokes>ls\n</keystrokes></commands>"
        let reading = try #require(Self.read(cut))
        #expect(reading.action?.argument == "ls\n")
        #expect(reading.segments.first == Segment(.other, "Sure."))
        Self.expectLossless(reading, cut)
        let quoting = "<response><analysis>Use <plan>x</plan> next.</analysis><commands/></response>"
        #expect(Self.read(quoting) == nil)
    }

    // MARK: - Runs

    @Test func aRunParsesWithTheTerminusDialectFromItsPrompt() throws {
        let messages = Self.run([
            Self.reply("Idle.", "Write the file.", keys: [#"echo hi > /app/hi.txt\n"#]),
            #"{"analysis": "Written.", "plan": "Check", "commands": [{"keystrokes": "cat /app/hi.txt\n"}"#,
            Self.reply("It holds hi.", "", keys: [], complete: true),
        ])
        let parsed = StepParser.parse(messages, task: "atif")
        #expect(parsed.dialect == .terminus)
        #expect(parsed.turns == [.task, .agent, .observation, .agent, .observation, .agent])
        #expect(parsed.steps.map(\.parsedBy) == [.terminus, .raw, .terminus])
        #expect(parsed.steps[0].observation == "root@box:/app# \n")
        #expect(parsed.steps[1].segments.map(\.kind) == [.other])
        #expect(parsed.steps[2].action?.kind == "task_complete")
        #expect(parsed.flags == [.rawFallback])
    }

    /// A run that stops before a reply marks the task complete has no answer.
    @Test func aRunEndingWithoutCompletionHasNoAnswer() {
        let parsed = StepParser.parse(Self.run([Self.reply("Idle.", "List.", keys: ["ls\\n"])]), task: nil)
        #expect(parsed.flags == [.noAnswer])
    }

    /// Only the head that opens an observation goes: harbor's warnings about the previous reply stay.
    @Test func observationDropsItsHeadOnlyWhereItOpensTheText() {
        #expect(StepParser.observationText("New Terminal Output:\n\n$ ls\n", dialect: .terminus) == "$ ls\n")
        #expect(StepParser.observationText("New Terminal Output:\r\n$ ls", dialect: .terminus) == "$ ls")
        let warned = "Previous response had warnings:\nWARNINGS: - Extra text\n\nNew Terminal Output:\n\n$ ls"
        #expect(StepParser.observationText(warned, dialect: .terminus) == warned)
    }

    // MARK: - Detection

    @Test(arguments: [prompt, xmlPrompt])
    func thePromptsResponseFormatNamesTheDialect(prompt: String) {
        let messages = Self.run(["Let me look around first."], prompt: prompt)
        #expect(StepParser.detectDialect(messages) == .terminus)
    }

    /// Without the prompt, the agent turns vote: JSON replies read as Terminus and nothing else.
    @Test func repliesVoteForTheDialectWithoutThePrompt() {
        let replies = [
            Self.reply("Idle.", "List.", keys: ["ls\\n"]),
            "<response><analysis>Listed.</analysis><plan>Stop.</plan><commands/></response>",
        ]
        #expect(StepParser.detectDialect(Self.run(replies, prompt: "Tidy /tmp.")) == .terminus)
        for dialect in StepParser.votingOrder where dialect != .terminus {
            for reply in replies { #expect(reply.withTurnText { StepParser.readTurn($0, dialect: dialect) } == nil) }
        }
        let chat = ["Run `ls` and show me {the} commands.", #"Use {"commands": [1]} in the config."#]
        #expect(StepParser.detectDialect(Self.run(chat, prompt: "Help me.")) == .chat)
    }

    @Test func aTaskNamedTerminusSelectsNoDialect() {
        #expect(StepParser.taskDialect(named: "terminus") == nil)
    }

    /// Replies cut at awkward places or with multi-byte characters beside the cuts reassemble, or do not read.
    @Test(arguments: [
        #"{"analysis": "é"#, #"{"analysis":"","plan":"","commands":[]}"#,
        #"{"analysis":"ü","plan":"ß","commands":[{"keystrokes":"€\n"}]}"#,
        "<response><analysis>ü</analysis><commands><keystrokes>ß", "<response><commands><keystrokes>",
        "<response></response>", "<response><task_complete>true</task_complete></response>",
        #"{"analysis": "a", "plan": "p", "commands": [{"keystrokes": ""}], "task_complete": true}"#, "{{{",
        "\u{FEFF}{\"analysis\":\"😀\",\"plan\":\"\",\"commands\":[]} 🛒",
    ])
    func awkwardRepliesReassembleOrFail(turn: String) {
        Self.expectLossless(Self.read(turn), turn)
    }
}
