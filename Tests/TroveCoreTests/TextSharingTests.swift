import Testing

@testable import TroveCore

/// Which texts a store shares (docs/store.md, `message_text`), and that only those are hashed.
@Suite struct TextSharingTests {
    @Test(arguments: [TurnKind.prompt, .handshake, .example, .other])
    func aContextTurnsTextIsSharedAsContextWhateverItsLength(turn: TurnKind) {
        #expect(TextSharing(of: String(repeating: "x", count: 5_000), turn: turn) == .shared(context: true))
        #expect(TextSharing(of: "OK.", turn: turn) == .shared(context: true))
    }

    @Test(arguments: [TurnKind.task, .agent, .observation])
    func anOwnTurnsTextIsSharedUpToSixtyFourBytes(turn: TurnKind) {
        #expect(TextSharing(of: String(repeating: "x", count: 64), turn: turn) == .shared(context: false))
        #expect(TextSharing(of: String(repeating: "x", count: 65), turn: turn) == .privateText)
        // Bytes, not characters: 22 three-byte characters are 66 bytes.
        #expect(TextSharing(of: String(repeating: "€", count: 21), turn: turn) == .shared(context: false))
        #expect(TextSharing(of: String(repeating: "€", count: 22), turn: turn) == .privateText)
        #expect(TextSharing(of: "", turn: turn) == .shared(context: false))
    }

    @Test func onlySharedTextsAreHashed() throws {
        let long = String(repeating: "a thought that goes on ", count: 10)
        let json = """
            {"id": "t1", "conversations": [{"from": "human", "value": "List the files."},
             {"from": "gpt", "value": "Think: \(long)\\nAct: bash\\n```bash\\nls\\n```"},
             {"from": "human", "value": "The output of the OS:\\na b"}]}
            """
        let trajectory = try TrajectoryCodec(options: .init(task: "os"))
            .decode(RawRecord(bytes: Array(json.utf8), line: 1), file: "f")
        let prepared = PreparedTrajectory(trajectory)
        #expect(prepared.textSharing.count == 3)
        #expect(prepared.textSharing.contains(.privateText))
        for (index, message) in trajectory.messages.enumerated() {
            #expect(prepared.textSharing[index] == TextSharing(of: message.text, turn: prepared.turns[index]))
            let expected =
                prepared.textSharing[index] == .privateText ? 0 : Int64(bitPattern: StableHash.fnv1a(message.text))
            #expect(prepared.textHashes[index] == expected)
        }
    }
}
