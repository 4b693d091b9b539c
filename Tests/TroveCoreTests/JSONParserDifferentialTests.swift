import Foundation
import Testing
import TroveTestSupport

@testable import TroveCore

/// ``JSONParser`` against ``ReferenceJSONParser``, the byte-at-a-time parser it replaced: the same value or
/// the same error (offset and reason) on the repository's fixtures, on `../shared/data` when it is present, on
/// synthetic trajectories, and on mutated inputs.
@Suite struct JSONParserDifferentialTests {
    static func expectSameResult(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let fast = Result { () throws(JSONSyntaxError) -> JSONValue in try JSONParser.parse(bytes) }
        let reference = Result { () throws(JSONSyntaxError) -> JSONValue in try ReferenceJSONParser.parse(bytes) }
        #expect(fast == reference, "\(label())")
    }

    /// Each file whole, each of its lines, and each line cut short at a few places.
    static func expectSameResults(inFilesUnder directory: URL) throws {
        let files = try #require(FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil))
        var count = 0
        for case let file as URL in files where ["json", "jsonl"].contains(file.pathExtension) {
            let bytes = try [UInt8](Data(contentsOf: file))
            expectSameResult(bytes, file.path)
            for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                let line = Array(line)
                expectSameResult(line, "\(file.path):\(number + 1)")
                for cut in [line.count / 3, line.count / 2, line.count - 1] where cut > 0 {
                    expectSameResult(Array(line[..<cut]), "\(file.path):\(number + 1) cut at \(cut)")
                }
            }
            count += 1
        }
        #expect(count > 0, "no JSON files under \(directory.path)")
    }

    @Test func agreesOnTheFixtures() throws {
        try Self.expectSameResults(inFilesUnder: Fixtures.repositoryRoot.appendingPathComponent("fixtures"))
    }

    @Test(.enabled(if: Fixtures.sharedData != nil)) func agreesOnTheSharedData() throws {
        try Self.expectSameResults(inFilesUnder: try #require(Fixtures.sharedData))
    }

    @Test func agreesOnSyntheticTrajectories() {
        var synthetic = SyntheticTrajectories(seed: 7)
        for index in 0..<300 {
            let record = synthetic.next()
            Self.expectSameResult(record, "synthetic record \(index)")
        }
    }

    @Test func agreesOnMutatedInputs() {
        let seeds = [
            #"{"a": "x\n\u00e9\ud83d\ude00\"y", "b": [1, -2.5e+3, true, false, null, {}], "c": "abc\\def"}"#,
            "\"caf\u{E9} \\u0041 a string long enough for the vector scan 0123456789 \\t \u{4E2D}\u{1F600}\"",
            #"["\ud800\u0041", "\udc00", "\ud800", {"k": [[], {}, "", 0, -0.0, 1E400]}]"#,
            #"{"conversations": [{"from": "human", "value": "Think.\nACTION: ls -la \"dir\""}], "id": "os_1"}"#,
        ]
        let alphabet =
            Array(#""\u0Aa{}[],: .-eE+1dD8"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xFF, 0xF0]
        var random = SeededGenerator(seed: 42)
        for iteration in 0..<20_000 {
            var bytes = Array(seeds[iteration % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                let byte = alphabet.randomElement(using: &random) ?? 0
                switch Int.random(in: 0..<8, using: &random) {
                case 0...2: bytes[index] = byte
                case 3...5: bytes.insert(byte, at: index)
                case 6: bytes.remove(at: index)
                default: bytes.removeSubrange(index...)
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "\"")] }
            }
            Self.expectSameResult(bytes, "mutation \(iteration): \(bytes)")
        }
    }
}
