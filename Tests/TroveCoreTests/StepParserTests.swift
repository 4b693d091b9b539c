import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

/// The step parser on the project's own fixtures (`fixtures/dialects`), which
/// copy the shape and quirks of each AgentInstruct task with made-up content.
@Suite struct StepParserTests {
    static let fixtureNames = ["os", "db", "alfworld", "webshop", "kg", "mind2web", "react", "chat"]

    static func records(_ name: String) throws -> [TrajectoryRecord] {
        try TrajectoryRecord.loadArray(Fixtures.url("dialects/\(name).json"))
    }

    static func record(_ name: String, _ id: String) throws -> TrajectoryRecord {
        try #require(try records(name).first { $0.id == id })
    }

    /// The fixture's task name as a loader would pass it, `nil` for the
    /// files that stand for unlabeled data.
    static func task(of name: String) -> String? { ["react", "chat"].contains(name) ? nil : name }

    // MARK: - Every fixture

    @Test(arguments: fixtureNames) func segmentsReassembleEveryAgentTurn(name: String) throws {
        for record in try Self.records(name) {
            let parsed = StepParser.parse(record.messages, task: Self.task(of: name))
            #expect(parsed.turns.count == record.messages.count)
            #expect(parsed.steps.count == parsed.turns.count { $0 == .agent })
            for step in parsed.steps {
                #expect(step.segments.map(\.text).joined() == record.messages[step.messageIndex].text)
            }
        }
    }

    /// The task turn found from the structure alone is the one a full parse finds.
    @Test(arguments: fixtureNames) func taskIndexFromTheStructureIsTheParsersTaskIndex(name: String) throws {
        for record in try Self.records(name) {
            let trajectory = Trajectory(
                id: record.id, task: Self.task(of: name) ?? "unknown", source: SourceLocation(file: "f", line: 1),
                format: RecordFormat(listKey: "conversations", style: .fromValue), messages: record.messages,
                originalRecord: [])
            #expect(StepParser.taskIndex(of: trajectory) == StepParser.parse(trajectory).taskIndex, "\(record.id)")
        }
    }

    @Test(arguments: [
        ("os", Dialect.os), ("db", .db), ("alfworld", .alfworld), ("webshop", .webshop), ("kg", .kg),
        ("mind2web", .mind2web), ("react", .react), ("chat", .chat),
    ])
    func detectsTheDialectWithoutTask(name: String, expected: Dialect) throws {
        for record in try Self.records(name) {
            #expect(StepParser.detectDialect(record.messages) == expected, "\(record.id)")
            let parsed = StepParser.parse(record.messages, task: nil)
            #expect(parsed == StepParser.parse(record.messages, task: Self.task(of: name)), "\(record.id)")
        }
    }

    @Test(arguments: [
        ("os", "os_f1", [QualityFlag]()), ("os", "os_f2", [.rawFallback]), ("db", "db_f1", [.labelLeak]),
        ("db", "db_f2", [.noAnswer]), ("db", "db_f3", [.answerWithoutAction]), ("alfworld", "alfworld_f1", []),
        ("alfworld", "alfworld_f2", [.noAnswer]), ("webshop", "webshop_f1", []), ("webshop", "webshop_f2", [.noAnswer]),
        ("kg", "kg_f1", []), ("kg", "kg_f2", [.noAnswer]), ("mind2web", "mind2web_f1", []),
        ("mind2web", "mind2web_f2", []), ("mind2web", "mind2web_f3", [.emptyTurn, .noAnswer]),
        ("react", "react_f1", []), ("react", "react_f2", []), ("chat", "chat_f1", []),
        ("chat", "chat_f2", []),
    ])
    func flags(name: String, id: String, expected: [QualityFlag]) throws {
        let parsed = StepParser.parse(try Self.record(name, id).messages, task: Self.task(of: name))
        #expect(parsed.flags == Set(expected))
    }

    // MARK: - Structure

    /// A run that stopped before the agent's first reply (tau-bench's harness errors) broke no grammar:
    /// it is not flagged a raw fallback, only as giving no answer.
    @Test func aRunWithNoAgentTurnIsNoRawFallback() {
        let parsed = StepParser.parse(
            [Message(originalRole: "user", text: "Cancel my order.")], task: nil, dialect: .raw)
        #expect(!parsed.flags.contains(.rawFallback))
        let replied = StepParser.parse(
            [Message(originalRole: "user", text: "Cancel."), Message(originalRole: "assistant", text: "Sure.")],
            task: nil, dialect: .raw)
        #expect(replied.flags.contains(.rawFallback))
    }

    @Test func osExampleBlockEndsAtTheNewProblem() throws {
        let parsed = StepParser.parse(try Self.record("os", "os_f1").messages, task: "os")
        #expect(parsed.turns == [.prompt] + Array(repeating: .example, count: 5) + [.task] + agentRounds(3))
        #expect(parsed.taskIndex == 6)
    }

    @Test func kgExampleBlockEndsAtTheNewQuestion() throws {
        let parsed = StepParser.parse(try Self.record("kg", "kg_f1").messages, task: "kg")
        #expect(
            parsed.turns == [.prompt, .handshake] + Array(repeating: .example, count: 6) + [.task] + agentRounds(3))
    }

    @Test func handshakeThenTask() throws {
        for (name, id) in [("db", "db_f1"), ("alfworld", "alfworld_f1"), ("webshop", "webshop_f1")] {
            let parsed = StepParser.parse(try Self.record(name, id).messages, task: name)
            #expect(Array(parsed.turns.prefix(4)) == [.prompt, .handshake, .task, .agent], "\(id)")
        }
    }

    /// Mind2Web's single human message holds both the instructions and the
    /// task; it is marked as the task.
    @Test func promptFollowedByTheAgentIsTheTask() throws {
        let mind2web = StepParser.parse(try Self.record("mind2web", "mind2web_f1").messages, task: "mind2web")
        #expect(mind2web.turns == [.task, .agent])
        let react = StepParser.parse(try Self.record("react", "react_f2").messages, task: nil)
        #expect(react.turns == [.other, .task, .agent, .observation, .agent])
    }

    func agentRounds(_ count: Int) -> [TurnKind] {
        Array([[TurnKind.agent, .observation]].repeated(count).joined().dropLast())
    }

    // MARK: - Steps per dialect

    @Test func osSteps() throws {
        let record = try Self.record("os", "os_f1")
        let steps = StepParser.parse(record.messages, task: "os").steps
        #expect(
            steps.map(\.action) == [
                StepAction(kind: "bash", argument: "grep -c \"error\" /root/notes.log"),
                StepAction(kind: "bash", argument: "grep \"error\" /root/notes.log | head -n 1"),
                StepAction(kind: "answer", argument: "4 (four lines)"),
            ])
        #expect(steps[1].thought == "Let me double check with a highlighted match.")
        #expect(steps[0].observation == "4\r\n\u{1B}]0;root@5f0c2a9e11d4: /\u{07}root@5f0c2a9e11d4:/# \u{1B}[K")
        #expect(steps[0].observationIndex == 8)
        #expect(steps[2].finalAnswer == "4 (four lines)")
        #expect(steps[2].observation == nil)
        #expect(
            steps[2].segments.map(\.kind) == [.syntax, .thought, .syntax, .actionKind, .syntax, .finalAnswer, .syntax])
    }

    @Test func osTurnOffGrammarFallsBackToRaw() throws {
        let steps = StepParser.parse(try Self.record("os", "os_f2").messages, task: "os").steps
        #expect(steps.map(\.parsedBy) == [.os, .raw, .os])
        #expect(steps[1].segments.map(\.kind) == [.other])
        #expect(steps[1].thought == "I think the file exists now, I will check it with ls -l /tmp/done.flag")
        #expect(steps[2].action == StepAction(kind: "finish", argument: ""))
    }

    @Test func dbSteps() throws {
        let steps = StepParser.parse(try Self.record("db", "db_f1").messages, task: "db").steps
        #expect(steps[0].thought == "To find the planet with the most moons, I order by the moons column.")
        #expect(
            steps[0].action
                == StepAction(kind: "sql", argument: "SELECT `name` FROM `Planets` ORDER BY `moons` DESC LIMIT 1"))
        #expect(steps[0].observation == "[('Saturn',)]")
        #expect(steps[1].action == StepAction(kind: "answer", argument: "[\"Saturn\"]"))
        #expect(steps[1].finalAnswer == "[\"Saturn\"]")
        let endsOnOperation = StepParser.parse(try Self.record("db", "db_f2").messages, task: "db")
        #expect(endsOnOperation.steps.last?.action?.kind == "sql")
        #expect(endsOnOperation.steps.last?.observation == nil)
    }

    @Test func alfworldSteps() throws {
        let steps = StepParser.parse(try Self.record("alfworld", "alfworld_f1").messages, task: "alfworld").steps
        #expect(steps.map { $0.action?.kind } == ["go", "take", "put", "go", "open", "put"])
        #expect(steps[0].thought == "A pen is most likely on the desk.")
        #expect(steps[0].action?.argument == "go to desk 1")
        #expect(steps[0].segments.first { $0.kind == .syntax && $0.text.contains("ACTION") }?.text == "\n ACTION: ")
        #expect(steps[2].observation == "Nothing happens.")
        let thinking = StepParser.parse(try Self.record("alfworld", "alfworld_f2").messages, task: "alfworld").steps
        #expect(thinking[0].action == nil)
        #expect(thinking[0].thought == "Apples are often kept in the fridge, so I will look there first.")
        #expect(thinking[1].action == StepAction(kind: "go", argument: "go to fridge 1"))
    }

    @Test func webshopSteps() throws {
        let steps = StepParser.parse(try Self.record("webshop", "webshop_f1").messages, task: "webshop").steps
        #expect(
            steps.map(\.action) == [
                StepAction(kind: "search", argument: "blue ceramic tea mug price < 25.00"),
                StepAction(kind: "click", argument: "B0TESTMUG1"), StepAction(kind: "click", argument: "blue"),
                StepAction(kind: "click", argument: "Buy Now"),
            ])
        #expect(steps[0].thought == "I should search for a blue ceramic tea mug under my budget.")
        #expect(steps[0].observation?.hasPrefix("Instruction: [SEP] i need a blue ceramic mug") == true)
        let bracketed = StepParser.parse(try Self.record("webshop", "webshop_f2").messages, task: "webshop").steps
        #expect(bracketed[0].action?.argument == "AA batteries [2 pack] price < 10.00")
    }

    @Test func kgSteps() throws {
        let steps = StepParser.parse(try Self.record("kg", "kg_f1").messages, task: "kg").steps
        #expect(
            steps.map(\.action) == [
                StepAction(kind: "get_relations", argument: "Solaris (1972 film)"),
                StepAction(kind: "get_neighbors", argument: "Solaris (1972 film), film.film.directed_by"), nil,
            ])
        #expect(steps[0].observation == "[film.film.directed_by, film.film.country]")
        #expect(steps[1].thought == "film.film.directed_by gives the director.")
        #expect(steps[2].finalAnswer == "#1")
        let failing = StepParser.parse(try Self.record("kg", "kg_f2").messages, task: "kg").steps
        #expect(
            failing[1].observation
                == "count(Jupiter moons) cannot be executed. You may make a mistake and need to fix it.")
    }

    @Test func mind2webSteps() throws {
        let typed = StepParser.parse(try Self.record("mind2web", "mind2web_f1").messages, task: "mind2web").steps
        #expect(typed.count == 1)
        #expect(typed[0].thought == "I need to type \"hiking boots size 10\" into the search box.")
        #expect(typed[0].finalAnswer == "B")
        #expect(typed[0].action == StepAction(kind: "TYPE", argument: "hiking boots size 10"))
        let clicked = StepParser.parse(try Self.record("mind2web", "mind2web_f2").messages, task: "mind2web").steps
        #expect(clicked[0].action == StepAction(kind: "CLICK", argument: ""))
        #expect(clicked[0].finalAnswer == "C")
        let empty = StepParser.parse(try Self.record("mind2web", "mind2web_f3").messages, task: "mind2web").steps
        #expect(empty[0].parsedBy == .raw)
        #expect(empty[0].thought == nil)
        #expect(empty[0].segments.isEmpty)
    }

    @Test func reactSteps() throws {
        let steps = StepParser.parse(try Self.record("react", "react_f1").messages, task: nil).steps
        #expect(
            steps.map(\.action) == [
                StepAction(kind: "search", argument: "Danube"), StepAction(kind: "lookup", argument: "length (km)"),
                StepAction(kind: "finish", argument: "the Danube"),
            ])
        #expect(steps[1].observation == "(Result 1 / 1) The Rhine is about 1,230 km long.")
        #expect(steps[2].finalAnswer == "the Danube")
        let answered = StepParser.parse(try Self.record("react", "react_f2").messages, task: nil).steps
        #expect(answered[1].finalAnswer == "Paris")
        #expect(answered[1].action == nil)
    }

    /// Issue 10 item 10: plain chat is its own dialect, not a raw fallback of an agent grammar.
    @Test func chatIsItsOwnDialectWithWholeTextAsThought() throws {
        let record = try Self.record("chat", "chat_f1")
        let parsed = StepParser.parse(record.messages, task: nil)
        #expect(parsed.dialect == .chat)
        #expect(parsed.flags.isEmpty)
        #expect(parsed.turns == [.task, .agent, .observation, .agent])
        #expect(parsed.steps.map(\.parsedBy) == [.chat, .chat])
        #expect(parsed.steps[1].thought == "Strings are immutable, so slicing works: `text[::-1]`.")
        #expect(parsed.steps[1].segments == [Segment(.thought, record.messages[3].text)])
    }

    // MARK: - Single rules

    /// Turns that end early, break off inside a construct or put multi-byte
    /// characters right beside the cut points.
    static let awkwardTurns = [
        "Thought: café ☕\nAction: search[naïve «tea»]", "Act: bash\n\n```bash\nls -1 /tmp/ü", "Act: answer(",
        "Think: ü\r\n\r\nAct: answer(é (ß))  ", "Action: Operation", "Action: Operation\n```sql\nSELECT 'é'",
        "Action: Answer\nFinal Answer:", " ACTION: ", "THOUGHT: 思考\n ACTION: go to 桌子 1\nACTION: look",
        "Answer: .", "Thought: x\nAnswer: Ä.\nAction: TYPE\nValue:", "Final Answer: #0\nAction: count(#0)",
        "Action: get_relations(Bjørn (band)", "\u{FEFF}Thought:\u{200B}\nAction:\nclick[Buy Now] 🛒", "",
    ]

    @Test(arguments: Dialect.allCases) func awkwardTurnsReassembleOrFail(dialect: Dialect) {
        for turn in Self.awkwardTurns {
            guard let reading = turn.withTurnText({ StepParser.readTurn($0, dialect: dialect) }) else { continue }
            #expect(reading.segments.map(\.text).joined() == turn, "\(dialect): \(turn.debugDescription)")
            #expect(!reading.segments.contains { $0.text.isEmpty })
        }
    }

    @Test(arguments: ["OS", "Db", "kg"]) func taskNamesIgnoreCase(task: String) {
        #expect(StepParser.taskDialect(named: task)?.rawValue == task.lowercased())
    }

    @Test(arguments: ["react", "raw", "unknown", ""]) func otherTaskNamesDetect(task: String) {
        #expect(StepParser.taskDialect(named: task) == nil)
    }

    @Test(arguments: [
        ("The results match the provided answer.", true), ("The EXPECTED ANSWER is 3.", true),
        ("The correct answer is 42.", true), ("That matches the gold answer", true),
        ("It executed successfully and returned the expected answer.", false),
        ("I will answer with the expected format.", false), ("The correct answers follow.", false),
        ("Final Answer: [1]", false),
    ])
    func labelLeakPhrases(text: String, leaks: Bool) {
        #expect(text.withTurnText(StepParser.leaksLabel) == leaks)
    }

    /// The search that skips bytes finds the phrase at every offset, after near misses of the word and at
    /// the very end of the text, and nothing in texts that only come close.
    @Test func labelLeakFoundAtEveryOffset() {
        for padding in 0..<13 {
            let lead = String(repeating: "w", count: padding)
            for (tail, leaks) in [
                ("given ANSWER", true), ("Gold answer.", true), ("aanswer reference answer", true),
                ("answeranswer, the correct answer is", true), ("given answe", false), ("given nswer", false),
                ("ans answer answerr expected answer", false), ("", false),
            ] {
                #expect((lead + tail).withTurnText(StepParser.leaksLabel) == leaks, "\(padding) \(tail)")
                #expect((lead + "é" + tail).withTurnText(StepParser.leaksLabel) == leaks, "\(padding) é \(tail)")
            }
        }
    }

    /// A literal is found at or after the start offset wherever it stands, the end of the text included,
    /// and not found when the text holds only part of it or holds it before the start.
    @Test func literalFoundFromEveryStart() {
        let texts = [
            "", "c", "command not foun", "command not found", "é command not found", "ccommand not found.",
            "bash: x: command not found\ncommand not found",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let needle = Array("command not found".utf8)
            for start in 0...(bytes.count + 1) {
                let expected = (start..<max(start, bytes.count)).first { bytes[$0...].starts(with: needle) }
                let found = text.withTurnText { $0.firstOffset(of: "command not found", from: start) }
                #expect(found == expected, "\(text.debugDescription) from \(start)")
            }
        }
    }

    /// A line ends at the next line feed at or after the offset, or at the end of the text.
    @Test func lineEndsAtTheNextLineFeed() {
        for text in ["", "\n", "one line", "a\nbb\n\nccc é\n", "\n\nx"] {
            let bytes = Array(text.utf8)
            for offset in 0...(bytes.count + 1) {
                let expected =
                    (offset..<max(offset, bytes.count)).first { bytes[$0] == 0x0A } ?? max(offset, bytes.count)
                #expect(
                    text.withTurnText { $0.lineEnd(from: offset) } == expected, "\(text.debugDescription) \(offset)")
            }
        }
    }

    @Test func labelLeakIgnoresThePrompt() throws {
        let record = try Self.record("db", "db_f3")
        #expect(record.messages[0].text.contains("the correct answer"))
        #expect(!StepParser.parse(record.messages, task: "db").flags.contains(.labelLeak))
    }

    @Test(arguments: [
        ("Ok.", true), (" OK ", true), ("I've understood your instruction, start please.", true),
        ("OK. I'll follow your instructions and try my best to solve the task.", true), ("Ok, first I run ls.", false),
    ])
    func handshakes(text: String, isHandshake: Bool) {
        #expect(StepParser.isHandshake(Message(originalRole: "gpt", text: text)) == isHandshake)
    }

    @Test func osObservationDropsOneOrTwoLineBreaksAfterTheHead() {
        #expect(StepParser.observationText("The output of the OS:\n220", dialect: .os) == "220")
        #expect(StepParser.observationText("The output of the OS:\n\n3\r\n", dialect: .os) == "3\r\n")
        #expect(StepParser.observationText("Observation: [a, b]", dialect: .os) == "Observation: [a, b]")
        #expect(StepParser.observationText("Observation:  [a, b]", dialect: .kg) == "[a, b]")
    }

    @Test func emptyAndSystemOnlyTrajectoriesParse() {
        let empty = StepParser.parse([], task: nil)
        #expect(empty.dialect == .raw && empty.steps.isEmpty && empty.turns.isEmpty)
        let system = [Message(originalRole: "system", text: "Be brief.")]
        #expect(StepParser.parse(system, task: "db").turns == [.other])
        #expect(StepParser.parse(system, task: "db").flags == [.noAnswer])
    }
}

extension Array {
    fileprivate func repeated(_ count: Int) -> [Element] {
        (0..<count).flatMap { _ in self }
    }
}
