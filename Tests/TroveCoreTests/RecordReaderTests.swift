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
