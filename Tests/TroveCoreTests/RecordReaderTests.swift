import Foundation
import Testing

@testable import TroveCore

@Suite struct RecordReaderTests {
    private func records(_ content: String) throws -> ([RawRecord], RecordContainer?) {
        try records(bytes: Array(content.utf8))
    }

    private func records(bytes: [UInt8], suffix: String = "") throws -> ([RawRecord], RecordContainer?) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trove-\(UUID().uuidString)\(suffix)")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try RecordReader(path: path)
        var found: [RawRecord] = []
        while let record = try reader.next() { found.append(record) }
        return (found, reader.container)
    }

    private func texts(_ records: [RawRecord]) -> [String] {
        records.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func readsJSONLinesKeepingExactBytesAndLineNumbers() throws {
        let (found, container) = try records("{\"a\": 1}\n\n{\"b\":  [2]}\r\n  \n{\"c\": \"x\\ny\"}")
        #expect(container == .jsonLines)
        #expect(texts(found) == [#"{"a": 1}"#, #"{"b":  [2]}"#, #"{"c": "x\ny"}"#])
        #expect(found.map(\.line) == [1, 3, 5])
    }

    @Test func readsAPrettyPrintedArrayElementByElement() throws {
        let content = "[\n  {\n    \"id\": \"a\",\n    \"v\": \"]}\"\n  },\n  {\n    \"id\": \"b\"\n  }\n]\n"
        let (found, container) = try records(content)
        #expect(container == .jsonArray)
        #expect(texts(found) == ["{\n    \"id\": \"a\",\n    \"v\": \"]}\"\n  }", "{\n    \"id\": \"b\"\n  }"])
        #expect(found.map(\.line) == [2, 6])
    }

    /// QA: a `.jsonl` file whose first line is an array (an OpenHands event list exported one per line)
    /// was read as one JSON array: "unexpected '[' after the end of the value", and the records after it
    /// were lost. A whole value on the first line followed by another line is JSON lines.
    @Test(arguments: ["", ".jsonl"])
    func anArrayOnTheFirstLineFollowedByMoreLinesIsJSONLines(suffix: String) throws {
        let content = "[{\"kind\": \"event\"}, {\"kind\": \"event\"}]\r\n\n{\"b\": 2}\n[1]\n"
        let (found, container) = try records(bytes: Array(content.utf8), suffix: suffix)
        #expect(container == .jsonLines)
        #expect(texts(found) == [#"[{"kind": "event"}, {"kind": "event"}]"#, #"{"b": 2}"#, "[1]"])
        #expect(found.map(\.line) == [1, 3, 4])
        // One array alone, on its line or with white space after it, is still an array of records.
        let (alone, aloneContainer) = try records(bytes: Array("[{\"a\":1},{\"b\":2}]\n\n".utf8), suffix: suffix)
        #expect(aloneContainer == .jsonArray)
        #expect(texts(alone) == [#"{"a":1}"#, #"{"b":2}"#])
    }

    /// JSON lines long enough to fill the sample of the first bytes read to tell wide text.
    private static let lines = String(repeating: "{\"a\": 1}\n", count: 8)

    /// QA: `trove import /usr/bin/ls` gave one reject per "line" (118,081 rejects, a 142 MB rejects file).
    /// Binary data and UTF-16/32 text are refused at the first block, naming what they are.
    @Test(
        arguments: [
            (Array("PAR1".utf8) + [0x15, 0x04, 0x00, 0x0A], "not JSON: binary data (parquet?)"),
            ([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], "not JSON: binary data (an executable?)"),
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "not JSON: a zip archive"),
            (
                [0xFF, 0xFE] + Array(RecordReaderTests.lines.utf8).flatMap { [$0, 0] },
                "UTF-16 text; convert it to UTF-8"
            ),
            (Array(RecordReaderTests.lines.utf8).flatMap { [$0, 0] }, "UTF-16 text; convert it to UTF-8"),
            (Array(RecordReaderTests.lines.utf8).flatMap { [0, $0] }, "UTF-16 text; convert it to UTF-8"),
            (Array(RecordReaderTests.lines.utf8).flatMap { [$0, 0, 0, 0] }, "UTF-32 text; convert it to UTF-8"),
            (Array("ab\ncd".utf8) + [0, 1, 2], "not JSON: binary data (it holds NUL bytes)"),
            ([0xC3, 0x28, 0xA0, 0xA1, 0x0A, 0xFF], "not JSON: binary data (it is not UTF-8 text)"),
        ] as [([UInt8], String)])
    func binaryDataAndWideTextAreRefusedWhole(bytes: [UInt8], reason: String) throws {
        #expect {
            try records(bytes: bytes + Array("\n{\"a\": 1}\n".utf8))
        } throws: { error in
            guard case .notJSONText(_, let said)? = error as? RecordReadError else { return false }
            return said.hasPrefix(reason)
        }
    }

    /// A stray Latin-1 byte in a JSON record is not binary data: the record is read (its text reads U+FFFD).
    @Test func aJSONFileWithAByteThatIsNotUTF8IsRead() throws {
        let (found, _) = try records(bytes: Array("{\"a\": \"caf".utf8) + [0xE9] + Array("\"}\n{\"b\": 2}\n".utf8))
        #expect(found.count == 2)
    }

    @Test func readsAOneLineArrayAndConcatenatedPrettyObjects() throws {
        let (array, arrayContainer) = try records(#"[{"a":1},{"b":2}]"#)
        #expect(arrayContainer == .jsonArray)
        #expect(texts(array) == [#"{"a":1}"#, #"{"b":2}"#])
        let (values, valuesContainer) = try records("{\n \"a\": 1\n}\n{\n \"b\": 2\n}\n")
        #expect(valuesContainer == .jsonValues)
        #expect(texts(values) == ["{\n \"a\": 1\n}", "{\n \"b\": 2\n}"])
        #expect(values.map(\.line) == [1, 4])
    }

    /// QA: a JSONL file whose first record is cut off was read as pretty-printed values, so the
    /// records after it became part of one bad record and the whole file was rejected.
    @Test(arguments: [#"{"id": "x", "conversations": [1,"#, #"{"conversations": [{"from": "gpt", "val"#])
    func aCutOffFirstLineIsOneBadRecordAndTheLinesAfterItAreRead(first: String) throws {
        let content = first + "\n\n{\"a\": 1}\n{\"b\": 2}\n"
        let (found, container) = try records(content)
        #expect(container == .jsonLines)
        #expect(texts(found) == [first, #"{"a": 1}"#, #"{"b": 2}"#])
        #expect(found.map(\.line) == [1, 3, 4])
    }

    /// A value left open at the end of the input, after values read whole: the reader compacts its
    /// buffer as it finds the input's end, and the open value's bytes are still its own (the fuzz
    /// corpus crashed here once the sniffing stopped reading to the end).
    @Test func aValueLeftOpenAtTheEndIsReadAsItsOwnBytes() throws {
        let content = "{\"a\": 1,\n \"b\": 2}\n{\"c\": [3,\n 4"
        let (found, container) = try records(content)
        #expect(container == .jsonValues)
        #expect(texts(found) == ["{\"a\": 1,\n \"b\": 2}", "{\"c\": [3,\n 4"])
        #expect(found.map(\.line) == [1, 3])
    }

    /// QA: one cut-off value among pretty-printed ones swallowed every value after it; a line starting
    /// with `{` at its first column starts the next value of an indented one. Values written without
    /// indentation (`indent=0`) keep their inner `{` lines.
    @Test func aCutOffPrettyValueCostsOnlyItself() throws {
        let content = "{\n  \"a\": [1,\n{\n  \"b\": {\n    \"c\": 2\n  }\n}\n{\n  \"d\": 3\n}\n"
        let (found, container) = try records(content)
        #expect(container == .jsonValues)
        #expect(texts(found) == ["{\n  \"a\": [1,", "{\n  \"b\": {\n    \"c\": 2\n  }\n}", "{\n  \"d\": 3\n}"])
        #expect(found.map(\.line) == [1, 3, 8])
        let flat = "{\n\"a\": {\n\"b\": 1\n}\n}\n{\n\"c\": 2\n}\n"
        #expect(texts(try records(flat).0) == ["{\n\"a\": {\n\"b\": 1\n}\n}", "{\n\"c\": 2\n}"])
    }

    /// Values whose inner objects sit on indented lines of their own are pretty-printed, not JSON lines
    /// (review: an indented whole object on line 2 read the file as JSONL).
    @Test func anIndentedWholeObjectOnTheSecondLineIsInsideAValue() throws {
        let content =
            "{\"id\": \"a\", \"messages\": [\n  {\"role\": \"user\", \"content\": \"hi\"}\n]}\n"
            + "{\"id\": \"b\", \"messages\": [\n  {\"role\": \"user\", \"content\": \"yo\"}\n]}\n"
        let (found, container) = try records(content)
        #expect(container == .jsonValues)
        #expect(found.count == 2)
    }

    /// A `.jsonl` name is read line by line whatever its first lines hold.
    @Test(arguments: [".jsonl", ".JSONL", ".ndjson", ".jsonl.gz", ".jsonl.zst"])
    func aJSONLinesNameIsReadLineByLine(suffix: String) throws {
        let content = "{\"cut\": [\n{\"also\": \"cut\n{\"a\": 1}\n"
        let (found, container) = try records(bytes: Array(content.utf8), suffix: suffix)
        #expect(container == .jsonLines)
        #expect(found.count == 3)
        #expect(try records(bytes: Array(content.utf8), suffix: ".json").1 == .jsonValues)
    }

    @Test func skipsAByteOrderMarkAndReadsEmptyInputAsNoRecords() throws {
        let (found, _) = try records(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\n".utf8))
        #expect(texts(found) == [#"{"a":1}"#])
        #expect(try records("").0.isEmpty)
        #expect(try records(" \n\n ").0.isEmpty)
    }

    @Test func aBadArrayElementComesOutAloneAndTheRestFollows() throws {
        let (found, _) = try records("[\n{\"a\": 1},\n{\"b\": tru},\nnope,\n{\"c\": 3}\n]")
        #expect(texts(found) == [#"{"a": 1}"#, #"{"b": tru}"#, "nope", #"{"c": 3}"#])
        #expect(found.map(\.line) == [2, 3, 4, 5])
    }

    @Test func readsRecordsLargerThanOneChunk() throws {
        let big = String(repeating: "x", count: 3 << 20)
        let (found, _) = try records("{\"a\": \"\(big)\"}\n{\"b\": 1}\n")
        #expect(found.count == 2)
        #expect(found[0].bytes.count == big.utf8.count + 9)
        #expect(found[1].line == 2)
    }

    @Test func namesTheFileWhenItCannotBeOpened() {
        #expect(throws: RecordReadError.cannotOpen(path: "/nonexistent/x.jsonl", reason: "No such file or directory")) {
            _ = try RecordReader(path: "/nonexistent/x.jsonl")
        }
    }
}
