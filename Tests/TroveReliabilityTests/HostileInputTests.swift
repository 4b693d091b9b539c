import Foundation
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Guarantee 3 of docs/reliability.md: a corpus of bad files never crashes or hangs `trove import`;
/// each bad record is named by file:line, nothing partial is stored, the store stays valid, and the
/// good records around the bad ones are imported.
@Suite struct HostileInputTests {
    /// One bad file and what importing it must give.
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var status: Int32
        var added: Int
        /// Lines that must be reported as `file:line:` (rejects and conflicts).
        var reportedLines: [Int]
        var description: String { file }
    }

    static let handMade: [Case] = [
        Case(file: "truncated.jsonl", status: 65, added: 2, reportedLines: [2]),
        Case(file: "invalid-utf8.jsonl", status: 65, added: 2, reportedLines: [2]),
        Case(file: "nul-bytes.jsonl", status: 65, added: 2, reportedLines: [1, 3]),
        Case(file: "wrong-types.jsonl", status: 65, added: 1, reportedLines: Array(1...10)),
        Case(file: "duplicate-ids.jsonl", status: 65, added: 1, reportedLines: [3]),
        Case(file: "bom.jsonl", status: 0, added: 2, reportedLines: []),
        Case(file: "crlf.jsonl", status: 0, added: 2, reportedLines: []),
        Case(file: "empty.jsonl", status: 0, added: 0, reportedLines: []),
        Case(file: "array-bad-middle.json", status: 65, added: 2, reportedLines: [15]),
    ]

    @Test(arguments: handMade)
    func aHandMadeBadFileIsImportedAroundItsBadRecords(_ testCase: Case) throws {
        try importAndCheck(path: Fixtures.url("hostile/\(testCase.file)").path, testCase)
    }

    @Test func storedRecordsKeepTheirExactBytes() throws {
        let directory = TemporaryDirectory()
        let store = directory.path("store.sqlite")
        var stderr: [String: String] = [:]
        for file in ["crlf.jsonl", "bom.jsonl", "invalid-utf8.jsonl", "nul-bytes.jsonl"] {
            stderr[file] = try TroveBinary.run(["import", "--store", store, Fixtures.url("hostile/\(file)").path])
                .stderr
        }
        let reader = try Store.open(path: store, readOnly: true)
        // CRLF: the record is the line without "\r\n"; BOM: without the mark; invalid UTF-8 kept as is.
        let crlf = try #require(try reader.trajectory(id: "hostile_23"))
        #expect(crlf.trajectory.originalRecord.last == UInt8(ascii: "}"))
        let bom = try #require(try reader.trajectory(id: "hostile_21"))
        #expect(bom.trajectory.originalRecord.first == UInt8(ascii: "{"))
        let invalid = try #require(try reader.trajectory(id: "hostile_4"))
        #expect(invalid.trajectory.originalRecord.contains(0xFF))
        #expect(invalid.trajectory.messages[0].text.contains("\u{FFFD}"))
        // A \u0000 escape: the text keeps its length (U+FFFD in place of NUL), the bytes keep the escape.
        let nul = try #require(try reader.trajectory(id: "hostile_8"))
        #expect(nul.trajectory.messages[0].text == "task 8: a\u{FFFD}b")
        #expect(String(decoding: nul.trajectory.originalRecord, as: UTF8.self).contains(#"a\u0000b"#))
        // Both are flagged, and the import said so; clean records are not.
        #expect(invalid.parsed.flags.contains(.badEncoding) && nul.parsed.flags.contains(.badEncoding))
        #expect(!crlf.parsed.flags.contains(.badEncoding) && !bom.parsed.flags.contains(.badEncoding))
        #expect(stderr["invalid-utf8.jsonl"]?.contains("stored with U+FFFD in the text") == true)
        #expect(stderr["crlf.jsonl"]?.contains("U+FFFD") == false)
    }

    @Test func generatedHostileFilesNeitherCrashNorHang() throws {
        let directory = TemporaryDirectory()
        let good = Corpus.record(1)
        var cases: [(String, Case)] = []
        func make(_ name: String, _ bytes: [UInt8], _ expected: Case) {
            _ = FileManager.default.createFile(atPath: directory.path(name), contents: Data(bytes))
            cases.append((directory.path(name), expected))
        }
        let deep = 100_000
        make(
            "deep-array.json",
            Array(repeating: UInt8(ascii: "["), count: deep) + Array(repeating: UInt8(ascii: "]"), count: deep),
            Case(file: "deep-array.json", status: 65, added: 0, reportedLines: [1]))
        make(
            "deep-object.jsonl",
            Array(String(repeating: #"{"a":"#, count: deep).utf8) + [UInt8(ascii: "1")]
                + Array(repeating: UInt8(ascii: "}"), count: deep) + Array("\n\(good)\n".utf8),
            Case(file: "deep-object.jsonl", status: 65, added: 1, reportedLines: [1]))
        make(
            "deep-in-record.jsonl",
            Array(#"{"id": "deep_1", "conversations": [{"from": "human", "value": "#.utf8)
                + Array(repeating: UInt8(ascii: "["), count: deep) + Array(repeating: UInt8(ascii: "]"), count: deep)
                + Array("}]}\n".utf8),
            Case(file: "deep-in-record.jsonl", status: 65, added: 0, reportedLines: [1]))
        make(
            "unclosed-deep.json", Array(repeating: UInt8(ascii: "["), count: deep),
            Case(file: "unclosed-deep.json", status: 65, added: 0, reportedLines: [1]))
        var random = SeededGenerator(seed: 52)
        make(
            "binary-garbage.bin", (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) },
            // Refused whole as binary data at its first block (no reject per "line"), exit 65 all the same.
            Case(file: "binary-garbage.bin", status: 65, added: 0, reportedLines: []))
        // 50 MB on one line: a record whose message text never closes, then a good record.
        let huge = String(repeating: "lorem ipsum dolor sit amet ", count: 50_000_000 / 27)
        make(
            "huge-line.jsonl",
            Array(
                (#"{"id": "huge_1", "conversations": [{"from": "human", "value": ""# + huge + "\n" + good + "\n").utf8),
            Case(file: "huge-line.jsonl", status: 65, added: 1, reportedLines: [1]))
        for (path, expected) in cases {
            try importAndCheck(path: path, expected, rerun: expected.file != "huge-line.jsonl")
        }
        print("reliability: \(Self.handMade.count + cases.count) hostile files imported without a crash or hang")
    }

    private func importAndCheck(path: String, _ expected: Case, rerun: Bool = true) throws {
        let directory = TemporaryDirectory()
        let store = directory.path("store.sqlite")
        let log = directory.path("import.log")
        let outcome = try TroveProcess(["import", "--store", store, path], log: log).wait(limit: 240)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(outcome == .exited(expected.status), "\(expected.file): \(output.prefix(2000))")
        #expect(output.contains("added      \(expected.added)\n"), "\(expected.file): \(output.prefix(2000))")
        for line in expected.reportedLines {
            #expect(output.contains("\(path):\(line): "), "\(expected.file): line \(line) not named")
        }
        let audit = try StoreAudit.of(store)
        #expect(audit.isClean, "\(expected.file): \(audit)")
        #expect(audit.trajectories == expected.added)
        // Importing again changes nothing: what was stored was whole.
        guard rerun else { return }
        let again = try TroveBinary.run(["import", "--store", store, path])
        #expect(again.stdout.contains("added      0\n"), "\(expected.file): \(again.stdout)")
    }
}
