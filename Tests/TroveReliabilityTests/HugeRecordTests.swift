import Foundation
import Testing
import TroveCore
import TroveTestSupport
import TroveUI

@testable import TroveStore

/// Issue 18 item 8: a record of any size opens in review on a screen's worth of work. The review source
/// reads each text up to the layout's budget (bytes counted at the store's blob reads), the layout wraps
/// what was read, `>` reads the next page of the 50 MB turn alone, and `trove show` prints the whole
/// record, its output linear in the record's size.
@Suite(.serialized) struct HugeRecordTests {
    static let megabytes = 50
    static let line = "row: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\\n"

    /// A store holding one OS record whose observation is `megabytes` MB, written and imported here.
    static func store(in directory: TemporaryDirectory) throws -> Store {
        let output = String(repeating: line, count: megabytes * 1_000_000 / (line.utf8.count - 1))
        let record = """
            {"id": "os_huge", "conversations": [{"from": "human", "value": "Count the rows."}, \
            {"from": "gpt", "value": "Think: look.\\n\\nAct: bash\\n\\n```bash\\ncat rows\\n```"}, \
            {"from": "human", "value": "The output of the OS:\\n\\n\(output)"}, \
            {"from": "gpt", "value": "Think: done.\\n\\nAct: answer(1)"}]}

            """
        let input = directory.write("huge.jsonl", record)
        let store = try Store.open(path: directory.path("store.sqlite"), createIfMissing: true)
        try TrajectoryImporter(store: store).importFiles([input])
        return store
    }

    @Test func aFiftyMegabyteTurnOpensReadingABudgetPerTextAndShowPrintsItAll() throws {
        let directory = TemporaryDirectory()
        let store = try Self.store(in: directory)
        let budget = TrajectoryLayout.textBudget

        let excerpt = try #require(try store.excerpt(id: "os_huge", textBudget: budget))
        #expect(store.reads.bytes(from: "message_text.text") <= 4 * (budget + 3))
        #expect(store.reads.bytes(from: "trajectory.metadata") < 100)
        let kept =
            excerpt.stored.trajectory.messages.map(\.text.utf8.count).reduce(0, +)
            + excerpt.stored.parsed.steps.map { ($0.thought ?? "").utf8.count + ($0.observation ?? "").utf8.count }
            .reduce(0, +)
        #expect(kept <= 6 * budget)
        let size = try #require(excerpt.cuts[.message(2)])
        #expect(size > Self.megabytes * 999_000)

        var state = AppState(size: Size(width: 80, height: 24), reviewer: "tester")
        _ = update(&state, .trajectoryLoaded(excerpt))
        #expect(state.documentLines.count < 40)
        let pages = (size + budget - 1) / budget
        #expect(state.documentLines.contains { $0.text.hasPrefix("… 50.0 MB more, page 1/\(pages) (o unfolds") })
        _ = update(&state, .command(.toggleFold))
        #expect(state.documentLines.count < 2 * budget / 70)

        let effects = update(&state, .command(.nextTextPage))
        #expect(effects == [.loadTextPage(id: "os_huge", message: 2, bytes: budget..<2 * budget)])
        let before = store.reads.bytes(from: "message_text.text")
        let page = try #require(try store.textPage(of: "os_huge", message: 2, bytes: budget..<2 * budget))
        #expect(store.reads.bytes(from: "message_text.text") - before <= budget + 3)
        _ = update(&state, .textPageLoaded(id: "os_huge", page))
        #expect(state.documentLines.contains { $0.text.hasPrefix("… 49.9 MB more, page 2/\(pages) (> next page") })
        #expect(state.documentLines.count < 2 * budget / 70)

        let shown = try TroveBinary.run(["show", "os_huge", "--store", directory.path("store.sqlite")])
        #expect(shown.status == 0)
        let printed = shown.stdout.utf8.count
        #expect(printed > size - 1000 && printed < size + size / 10)
    }

    /// `trove show` reads what it prints: not the record's bytes, of the message texts only the task's and
    /// the steps' (the observation's 50 MB once, through the span the steps column holds); what it writes
    /// is what the whole trajectory gives, text and JSON.
    @Test func showReadsOnlyWhatItPrintsAndPrintsWhatTheWholeTrajectoryGives() throws {
        let directory = TemporaryDirectory()
        let store = try Self.store(in: directory)
        let reported = try #require(try store.reportedTrajectory(id: "os_huge"))
        let observationSize = try #require(reported.parsed.steps.first?.observation).utf8.count
        #expect(observationSize > Self.megabytes * 999_000)
        let taskAndCommand = "Count the rows.".utf8.count + "cat rows".utf8.count
        #expect(store.reads.bytes(from: "message_text.text") == taskAndCommand + observationSize)
        #expect(store.reads.bytes(from: "trajectory.steps") < 1000)
        #expect(reported.trajectory.originalRecord.isEmpty)

        let whole = try #require(try store.trajectory(id: "os_huge"))
        var shown = ""
        TrajectoryReport.writeText(reported.trajectory, reported.parsed, reported.label, to: &shown)
        #expect(shown == TrajectoryReport.text(whole.trajectory, whole.parsed, whole.label))
        var json = ""
        TrajectoryReport.writeJSON(reported.trajectory, reported.parsed, reported.label, to: &json)
        var wholeJSON = ""
        TrajectoryReport.writeJSON(whole.trajectory, whole.parsed, whole.label, to: &wholeJSON)
        #expect(json == wholeJSON)
        let object = try #require(try JSONParser.parse(Array(json.utf8)).objectValue)
        let observation = object["steps"]?.arrayValue?.first?.objectValue?["observation"]?.stringValue
        #expect(observation == whole.parsed.steps.first?.observation)
    }

    /// `trove show` holds the record about once, not twice (a string read past a chunk was kept in an
    /// array and then copied into a String): its peak resident memory, read when its first output arrives
    /// (the trajectory has been read whole by then, and the child is held on the pipe), stays under the
    /// 50 MB observation plus 90 MB (the process, 35 MB, and SQLite's 32 MB page cache).
    @Test(arguments: [false, true]) func showHoldsTheRecordAboutOnce(json: Bool) throws {
        let directory = TemporaryDirectory()
        _ = try Self.store(in: directory)
        let process = Process()
        process.executableURL = TroveBinary.url
        process.arguments = ["show", "os_huge", "--store", directory.path("store.sqlite")] + (json ? ["--json"] : [])
        process.environment = TroveBinary.childEnvironment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let first = output.fileHandleForReading.readData(ofLength: 1)
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(first.count + rest.count > Self.megabytes * 1_000_000)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let peak = try #require(Int(line.split(separator: " ").dropFirst().first ?? "")) * 1024
        // Measured (debug build): 121 MB, and 166 MB holding the observation twice.
        #expect(peak < Self.megabytes * 1_000_000 + 90_000_000)
    }
}
