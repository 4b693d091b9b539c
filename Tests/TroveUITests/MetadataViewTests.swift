import Foundation
import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// The metadata view (`M`) names every member in full, apart from its value.
@Suite struct MetadataViewTests {
    @Test func aKeyWiderThanTheLabelColumnLeadsItsLineWhole() throws {
        let record =
            #"{"id":"meta_1","environment":"swe_main","seed":7,"conversations":[{"from":"human","value":"Do it."},{"from":"gpt","value":"done"}]}"#
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("m.jsonl", record + "\n")])
        let session = ReviewSession.run(store, events: Script.open("meta_1") + Script.events(.keys("M")))
        let lines = session.canvas.lines
        #expect(lines.contains { $0.contains(#"environment "swe_main""#) }, "\(lines)")
        #expect(lines.contains { $0.contains("seed") && $0.contains("7") && !$0.contains("seed7") })
    }

    /// QA: keys longer than the label column lost the alignment (`environment "main"`), and a long
    /// value's continuation lines started at column 2 under such a key but at column 11 under a short
    /// one. Values start at one column, after the longest key, continuation lines too.
    @Test func valuesAlignAfterTheLongestKeyContinuationLinesToo() throws {
        let long = (1...40).map { "w\($0)" }.joined(separator: " ")
        let record =
            #"{"id":"meta_2","environment":"main","replay_config":"\#(long)","info":"\#(long)","conversations":[{"from":"human","value":"Do it."},{"from":"gpt","value":"done"}]}"#
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("m.jsonl", record + "\n")])
        let session = ReviewSession.run(
            store, size: Size(width: 80, height: 40), events: Script.open("meta_2") + Script.events(.keys("M")))
        let lines = session.canvas.lines
        let text = lines.joined(separator: "\n")
        // "replay_config" is the longest key: values start two columns past its 13, at column 16.
        let valueX = 2 + "replay_config".count + 1
        for key in ["source", "dialect", "environment", "replay_config", "info"] {
            let line = try #require(lines.first { $0.hasPrefix("  \(key) ") }, "\(text)")
            #expect(line.dropFirst(valueX).first != " " && line.prefix(valueX).last == " ", "\(line)")
        }
        let infoLine = try #require(lines.firstIndex { $0.hasPrefix("  info ") })
        let continuation = lines[infoLine + 1]
        #expect(continuation.prefix(valueX).allSatisfy { $0 == " " } && continuation.dropFirst(valueX).first != " ")
        let replayLine = try #require(lines.firstIndex { $0.hasPrefix("  replay_config ") })
        #expect(lines[replayLine + 1].prefix(valueX).allSatisfy { $0 == " " } && lines[replayLine + 1].contains("w"))
    }

    /// A key wider than the bound (a third of the width, at most 24 columns) takes a line of its own;
    /// the others' values stay where they were.
    @Test func aVeryLongKeyHasALineOfItsOwn() throws {
        let key = String(repeating: "k", count: 50)
        let record =
            #"{"id":"meta_3","\#(key)":"far","seed":7,"conversations":[{"from":"human","value":"Do it."},{"from":"gpt","value":"done"}]}"#
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("m.jsonl", record + "\n")])
        let session = ReviewSession.run(store, events: Script.open("meta_3") + Script.events(.keys("M")))
        let lines = session.canvas.lines
        let keyLine = try #require(lines.firstIndex { $0.hasPrefix("  \(key)") }, "\(lines)")
        #expect(lines[keyLine].trimmingCharacters(in: .whitespaces) == key)
        let valueX = 2 + 24
        #expect(lines[keyLine + 1].hasPrefix(String(repeating: " ", count: valueX) + #""far""#), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("  seed" + String(repeating: " ", count: valueX - 6) + "7") })
    }
}
