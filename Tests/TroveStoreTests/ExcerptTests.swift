import Foundation
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// The review screen's reads: texts cut to a budget through blob I/O, the steps column scanned with its
/// texts cut, and pages of a message text that join back into it.
@Suite struct ExcerptTests {
    /// Escapes, a quote, a control character, accents, CJK and an emoji: every way a JSON string spells
    /// a scalar, in every width, so that cuts land inside each.
    static let mixed = "ligne «é» \"quoted\" \\ tab\t ctl\u{1} 中文 🙂 end\n"

    /// An OS trajectory whose thought, command and observation are long mixed texts, and its store.
    static func store(repeats: Int = 400, metadata: String = #""model": "m""#) throws -> (Store, String) {
        let long = String(repeating: mixed, count: repeats)
        let messages: [[String: String]] = [
            ["from": "human", "value": "Count the rows."],
            ["from": "gpt", "value": "Think: \(long)\n\nAct: bash\n\n```bash\necho '\(long)'\n```"],
            ["from": "human", "value": "The output of the OS:\n\n\(long)"],
            ["from": "gpt", "value": "Think: done.\n\nAct: answer(1)"],
        ]
        let json = try JSONSerialization.data(withJSONObject: messages)
        let record = #"{"id": "os_long", \#(metadata), "conversations": \#(String(decoding: json, as: UTF8.self))}"#
        let directory = TemporaryDirectory()
        let store = try Store.inMemory()
        try TrajectoryImporter(store: store).importFiles([directory.write("long.jsonl", record + "\n")])
        return (store, long)
    }

    @Test func withARoomyBudgetTheExcerptIsTheWholeTrajectory() throws {
        let (store, _) = try Self.store()
        let whole = try #require(try store.trajectory(id: "os_long"))
        let excerpt = try #require(try store.excerpt(id: "os_long", textBudget: 1 << 30))
        #expect(excerpt.cuts.isEmpty)
        #expect(excerpt.metadataHead == nil)
        #expect(excerpt.stored.parsed == whole.parsed)
        #expect(excerpt.stored.label == whole.label)
        var trajectory = whole.trajectory
        trajectory.outcome = nil
        trajectory.environmentRewardSource = nil
        #expect(excerpt.stored.trajectory == trajectory)
    }

    @Test func eachTextIsCutAtAScalarBoundaryAndItsSizeKept() throws {
        let (store, _) = try Self.store()
        let whole = try #require(try store.trajectory(id: "os_long"))
        for budget in [1, 2, 3, 5, 7, 50, 1001, 4096] {
            let excerpt = try #require(try store.excerpt(id: "os_long", textBudget: budget))
            for (index, message) in whole.trajectory.messages.enumerated() {
                let cut = excerpt.stored.trajectory.messages[index].text
                #expect(cut.utf8.count <= budget && message.text.hasPrefix(cut))
                #expect(excerpt.size(of: .message(index), holding: cut) == message.text.utf8.count)
                // Nothing more than the last scalar's bytes was left out at the cut.
                #expect(message.text.utf8.count == cut.utf8.count || cut.utf8.count > budget - 4)
            }
            let step = try #require(excerpt.stored.parsed.steps.first)
            let full = whole.parsed.steps[0]
            let pairs: [(TextPart, String?, String?)] = [
                (.thought(0), step.thought, full.thought), (.argument(0), step.action?.argument, full.action?.argument),
                (.observation(0), step.observation, full.observation),
            ]
            for (part, cut, text) in pairs {
                let (cut, text) = (try #require(cut), try #require(text))
                #expect(cut.utf8.count <= budget && text.hasPrefix(cut), "\(part) at \(budget)")
                #expect(excerpt.size(of: part, holding: cut) == text.utf8.count, "\(part) at \(budget)")
            }
            if budget >= 50 {
                #expect(step.action?.kind == "bash")
                #expect(excerpt.stored.parsed.steps[1] == whole.parsed.steps[1])
            }
        }
    }

    /// Texts running past the steps column's chunks are read into their own storage: whole with a roomy
    /// budget, and cut at a scalar boundary, their sizes kept, when the budget ends chunks past their start;
    /// the same for texts stored as spans of their messages, which are read from the message texts.
    @Test(arguments: [false, true]) func textsRunningPastAChunkAreReadWholeOrCutAtAScalar(spans: Bool) throws {
        let (store, _) = try Self.store(repeats: 12_000)
        let whole = try #require(try store.trajectory(id: "os_long"))
        let full = whole.parsed.steps[0]
        // An import writes these texts as spans; written out, as a corrected turn's are, they fill chunks.
        let stored = spans ? nil : StepCoding.json(whole.parsed.steps)
        if let stored {
            try store.testSeam.write { db in
                try db.execute(
                    sql: "UPDATE trajectory SET steps = ? WHERE external_id = 'os_long'", arguments: [stored])
            }
        }
        let steps = try store.testSeam.read { db in
            try String.fetchOne(db, sql: "SELECT steps FROM trajectory WHERE external_id = 'os_long'")
        }
        #expect(try #require(steps).utf8.count > 3 * CuttingJSONReader.chunkSize || spans)
        #expect(try #require(full.observation).utf8.count > 2 * CuttingJSONReader.chunkSize)
        let roomy = try #require(try store.excerpt(id: "os_long", textBudget: 1 << 30))
        #expect(roomy.stored.parsed == whole.parsed)
        for budget in [CuttingJSONReader.chunkSize + 1, 3 * CuttingJSONReader.chunkSize / 2 + 2] {
            let excerpt = try #require(try store.excerpt(id: "os_long", textBudget: budget))
            let step = try #require(excerpt.stored.parsed.steps.first)
            let pairs: [(TextPart, String?, String?)] = [
                (.thought(0), step.thought, full.thought), (.argument(0), step.action?.argument, full.action?.argument),
                (.observation(0), step.observation, full.observation),
            ]
            for (part, cut, text) in pairs {
                let (cut, text) = (try #require(cut), try #require(text))
                #expect(cut.utf8.count <= budget && cut.utf8.count > budget - 4, "\(part) at \(budget)")
                #expect(text.hasPrefix(cut), "\(part) at \(budget)")
                #expect(excerpt.size(of: part, holding: cut) == text.utf8.count, "\(part) at \(budget)")
            }
        }
    }

    @Test func opensReadingTheBudgetOfEachText() throws {
        let (store, long) = try Self.store(repeats: 20_000)
        #expect(long.utf8.count >= 1_000_000)
        let before = store.reads.bytes(from: "message_text.text")
        let excerpt = try #require(try store.excerpt(id: "os_long", textBudget: 1000))
        // Four messages and the first step's thought, argument and observation, read out of them.
        #expect(store.reads.bytes(from: "message_text.text") - before <= 7 * 1003)
        let kept = excerpt.stored.trajectory.messages.map(\.text.utf8.count).reduce(0, +)
        #expect(kept <= 4 * 1000)
    }

    @Test func pagesJoinBackIntoTheText() throws {
        let (store, _) = try Self.store(repeats: 50)
        let text = try #require(try store.trajectory(id: "os_long")).trajectory.messages[2].text
        for size in [1, 3, 64, 999] {
            var joined = ""
            var offset = 0
            while offset < text.utf8.count {
                let page = try #require(try store.textPage(of: "os_long", message: 2, bytes: offset..<offset + size))
                #expect(page.size == text.utf8.count)
                #expect(page.offset >= offset && page.offset <= offset + 3)
                joined += page.text
                offset += size
            }
            #expect(joined == text, "pages of \(size) bytes")
        }
        let last = try #require(try store.textPage(of: "os_long", message: 2, bytes: 999_999..<1_000_000))
        #expect(last.text.isEmpty && last.remaining == 0)
        #expect(try store.textPage(of: "os_long", message: 9, bytes: 0..<10) == nil)
        #expect(try store.textPage(of: "nobody", message: 0, bytes: 0..<10) == nil)
    }

    @Test func metadataLargerThanTheBudgetComesAsItsStart() throws {
        let big = String(repeating: "x", count: 5000)
        let (store, _) = try Self.store(repeats: 1, metadata: #""model": "m", "patch": "\#(big)""#)
        let excerpt = try #require(try store.excerpt(id: "os_long", textBudget: 1000))
        #expect(excerpt.stored.trajectory.metadata.members.isEmpty)
        let head = try #require(excerpt.metadataHead)
        #expect(head.hasPrefix("{") && head.contains(#""m""#) && head.hasSuffix("xxxx"))
        #expect(head.utf8.count == 1000)
        #expect(excerpt.cuts[.metadata] ?? 0 > 5000)
        let roomy = try #require(try store.excerpt(id: "os_long", textBudget: 10_000))
        #expect(roomy.stored.trajectory.metadata.keys == ["model", "patch"])
    }

    @Test func aDamagedStepsColumnIsAnErrorNamingTheTrajectory() throws {
        let (store, _) = try Self.store(repeats: 1)
        for damage in [#"[[1, null, "unfinished"#, #"{"not": "steps"}"#, "[[1]]", #"[["x"]] tail"#] {
            try store.testSeam.write { db in
                try db.execute(
                    sql: "UPDATE trajectory SET steps = ? WHERE external_id = 'os_long'", arguments: [damage])
            }
            #expect(throws: StoreError.damagedRow(trajectory: "os_long", column: "steps", stored: "malformed JSON")) {
                try store.excerpt(id: "os_long", textBudget: 100)
            }
        }
    }

    /// A span past its message's text, or in a message the trajectory lacks, is an error naming the
    /// trajectory, and `check` lists it.
    @Test func aSpanOutsideItsMessageIsAnErrorNamingTheTrajectory() throws {
        let (store, _) = try Self.store(repeats: 1)
        let stored = try #require(
            try store.testSeam.read { db in
                try String.fetchOne(db, sql: "SELECT steps FROM trajectory WHERE external_id = 'os_long'")
            })
        #expect(stored.hasPrefix("[[1, 2, [7, "))
        #expect(try store.check().findings.first { $0.check == "steps" }?.problems == [])
        // What follows the first step's thought, `[7, length]`, the first `]` of the column.
        let rest = stored.drop { $0 != "]" }.dropFirst()
        for damage in ["[[1, 2, [7, 100000]", "[[9, 2, [7, 1]"] {
            try store.testSeam.write { db in
                try db.execute(
                    sql: "UPDATE trajectory SET steps = ? WHERE external_id = 'os_long'", arguments: [damage + rest])
            }
            #expect(
                throws: StoreError.damagedRow(
                    trajectory: "os_long", column: "steps", stored: "a span outside its message")
            ) {
                try store.excerpt(id: "os_long", textBudget: 100)
            }
            #expect(
                try store.check().findings.first { $0.check == "steps" }?.problems == [
                    "os_long: step 0 spans bytes its message does not have"
                ])
        }
    }

    @Test func aMissingTextIsAnErrorNamingTheTrajectory() throws {
        let (store, _) = try Self.store(repeats: 1)
        try store.testSeam.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    PRAGMA foreign_keys = OFF;
                    UPDATE message_row SET text_id = 999999 WHERE idx = 2;
                    PRAGMA foreign_keys = ON;
                    """)
        }
        #expect(throws: StoreError.damagedRow(trajectory: "os_long", column: "text", stored: "no row")) {
            try store.excerpt(id: "os_long", textBudget: 100)
        }
    }

    /// A blind reviewer who has not decided reads another reviewer's corrections as if they were not
    /// there: the steps are parsed again from the texts as imported and cut as the store cuts its own, so
    /// the excerpt is the one read before the correction, at any budget; their own correction parses as
    /// it would have.
    @Test func aBlindReviewerReadsTheTextsAsImportedBesideAnotherReviewersCorrection() throws {
        let (store, long) = try Self.store()
        // (Below a dialect's or an action's name, the stored steps' own cut shortens those too.)
        let budgets = [7, 50, 1001, 4096, 1 << 20]
        let before = try budgets.map { try store.excerpt(id: "os_long", textBudget: $0) }
        _ = try store.setText(
            "Think: \(long)\n\nAct: answer(2)", turn: 1, of: "os_long", reviewer: "kowalski", origin: "test")
        _ = try store.setText(
            "Think: sure.\n\nAct: answer(3)", turn: 3, of: "os_long", reviewer: "kowalski", origin: "test")
        for (budget, expected) in zip(budgets, before) {
            #expect(try store.excerpt(id: "os_long", textBudget: budget, blindReviewer: "me") == expected, "\(budget)")
            #expect(try store.excerpt(id: "os_long", textBudget: budget) != expected)
        }
        _ = try store.setText("Think: mine.\n\nAct: answer(4)", turn: 3, of: "os_long", reviewer: "me", origin: "test")
        let own = try #require(try store.excerpt(id: "os_long", textBudget: 1001, blindReviewer: "me"))
        #expect(own.stored.parsed.steps.last?.finalAnswer == "4")
        #expect(own.stored.parsed.steps.first?.action?.kind == "bash")
        #expect(own.stored.parsed.steps.last?.segments.map(\.text).joined() == "Think: mine.\n\nAct: answer(4)")
    }

    @Test func anUnknownIDHasNoExcerpt() throws {
        let (store, _) = try Self.store(repeats: 1)
        #expect(try store.excerpt(id: "nobody", textBudget: 100) == nil)
    }
}
