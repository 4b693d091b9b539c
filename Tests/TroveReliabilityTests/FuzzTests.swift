import Foundation
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Guarantee 3 (fuzzing) of docs/reliability.md: seeded random mutations of real-shaped records,
/// files and filters never crash the JSON parser, the record reader, the codec, the step parser or
/// the filter parser and its SQL; whatever they accept keeps their contracts. Bounded by iteration
/// counts, not time, so a run is reproducible from its seed.
@Suite struct FuzzTests {
    static let recordMutations = 4000
    static let fileMutations = 300
    static let filterMutations = 3000

    /// Fragments that break JSON and text handling in interesting ways.
    static let hostileFragments: [[UInt8]] = [
        [0x00], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x1B, 0x5D, 0x35, 0x32], Array(#"\u"#.utf8),
        Array(#"\ud800"#.utf8), Array(#"\udc00\ud800"#.utf8), Array("{".utf8), Array("[".utf8), Array("]".utf8),
        Array("}".utf8), Array("\"".utf8), Array(",".utf8), Array(":".utf8), Array("1e999".utf8), Array("-".utf8),
        Array("\n".utf8), Array("\r\n".utf8), Array(#"\"#.utf8), Array("null".utf8), Array(#"{"from":"#.utf8),
        Array("\u{202E}".utf8), Array(String(repeating: "[", count: 600).utf8),
    ]

    static let seedRecords: [[UInt8]] = {
        var records = (0..<Corpus.templates.count).map { Array(Corpus.record($0).utf8) }
        if let lines = FileManager.default.contents(atPath: Fixtures.url("import/db-small.jsonl").path) {
            records += lines.split(separator: UInt8(ascii: "\n")).map(Array.init)
        }
        return records
    }()

    static func mutate(_ input: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes.insert(contentsOf: hostileFragments.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &random)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...256, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &random))
            case 4: bytes = Array(bytes.prefix(position))
            default: bytes.swapAt(position, Int.random(in: 0..<max(1, bytes.count), using: &random))
            }
        }
        return bytes
    }

    @Test func mutatedRecordsAreDecodedWholeOrRejectedWithTheirLine() throws {
        var random = SeededGenerator(seed: 7)
        let codec = TrajectoryCodec()
        var decoded = 0
        for iteration in 0..<Self.recordMutations {
            let bytes = Self.mutate(Self.seedRecords.randomElement(using: &random)!, using: &random)
            if let value = try? JSONParser.parse(bytes) {
                // What the parser accepts, the writer writes back to the same value.
                #expect(try JSONParser.parse(Array(JSONWriter.string(value).utf8)) == value, "iteration \(iteration)")
            }
            let line = iteration + 1
            do {
                let trajectory = try codec.decode(RawRecord(bytes: bytes, line: line), file: "fuzz.jsonl")
                decoded += 1
                #expect(trajectory.originalRecord == bytes)
                #expect(!trajectory.id.unicodeScalars.contains("\u{0}"))
                let parsed = StepParser.parse(trajectory.messages, task: trajectory.task)
                #expect(parsed.turns.count == trajectory.messages.count)
                for step in parsed.steps {
                    #expect(
                        step.segments.map(\.text).joined() == trajectory.messages[step.messageIndex].text,
                        "iteration \(iteration): segments do not reassemble the message")
                }
            } catch {
                #expect(error.location == TroveCore.SourceLocation(file: "fuzz.jsonl", line: line))
            }
        }
        #expect(decoded > 0)
        print("reliability: \(Self.recordMutations) mutated records fuzzed through parser, codec and step parser")
    }

    @Test func mutatedFilesAreSplitIntoRecordsAtTheirOwnBytes() throws {
        var random = SeededGenerator(seed: 11)
        let directory = TemporaryDirectory()
        let path = directory.path("fuzz.json")
        for iteration in 0..<Self.fileMutations {
            let records = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                Self.seedRecords.randomElement(using: &random)!
            }
            let layout: [UInt8] =
                switch iteration % 3 {
                case 0: Array(records.joined(separator: [UInt8(ascii: "\n")]))
                case 1: [UInt8(ascii: "[")] + Array(records.joined(separator: Array(",\n ".utf8))) + [UInt8(ascii: "]")]
                default: Array(records.joined(separator: Array("\n\n".utf8)))
                }
            let bytes = Self.mutate(layout, using: &random)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let reader = try RecordReader(path: path)
            var count = 0
            while let record = try reader.next() {
                count += 1
                #expect(count <= bytes.count, "iteration \(iteration): more records than bytes")
                let end = record.offset + record.bytes.count
                #expect(
                    end <= bytes.count && Array(bytes[record.offset..<end]) == record.bytes, "iteration \(iteration)")
                #expect(
                    record.line == 1 + bytes[..<record.offset].filter { $0 == 0x0A }.count, "iteration \(iteration)")
                if count > bytes.count { break }
            }
        }
        print("reliability: \(Self.fileMutations) mutated files fuzzed through the record reader")
    }

    @Test func mutatedFiltersParseOrFailAndAcceptedOnesRunAsSQL() throws {
        let store = try Store.inMemory()
        let directory = TemporaryDirectory()
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: 20, to: input)
        try TrajectoryImporter(store: store).importFiles([input])
        let seeds = [
            "task:db status:pending reward<1 flag:no-answer steps>5",
            "(task:os or task:db) and not tag:leaked-label",
            "reward>=0.5 text:\"provided answer\" reviewer:ana",
            "not (status:accepted or status:rejected) messages<=12",
            "id:db_1 or source:fuzz.jsonl",
        ]
        var random = SeededGenerator(seed: 13)
        var accepted = 0
        for iteration in 0..<Self.filterMutations {
            let seed = Array(seeds.randomElement(using: &random)!.utf8)
            let text = String(decoding: Self.mutate(seed, using: &random), as: UTF8.self)
            guard let filter = try? Filter.parse(text) else { continue }
            accepted += 1
            do {
                _ = try store.trajectoryIDs(matching: filter)
            } catch {
                Issue.record(
                    "iteration \(iteration): filter \(text.debugDescription) parsed but its SQL failed: \(error)")
            }
        }
        #expect(accepted > 0)
        print("reliability: \(Self.filterMutations) mutated filters fuzzed (\(accepted) parsed and ran as SQL)")
    }
}
