import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

@Suite struct SearchTokenReplayTests {
    static let texts = [
        "The output of the OS: Café crème, naïve façade.", "", "ls -la /tmp && echo \"done\"", "数据库 查询 結果",
        "Résumé: 3 files; 2 dirs.\nÆsir ß", String(repeating: "a long observation line ", count: 40),
    ]

    /// The index's rows after inserting ``texts`` into a table declared as `message_fts` is.
    static func index(_ db: Database, replaying entries: [UInt8]?) throws -> (rows: [String], replayed: Int) {
        try db.execute(
            sql: "CREATE VIRTUAL TABLE temp.probe USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
        var replayed = 0
        let insert = {
            for text in texts { try db.execute(sql: "INSERT INTO temp.probe (text) VALUES (?)", arguments: [text]) }
        }
        if let entries { replayed = try SearchTokenReplay.replaying(entries, on: db, insert) } else { try insert() }
        let rows = try String.fetchAll(
            db,
            sql: """
                SELECT 'd' || id || hex(block) FROM temp.probe_data UNION ALL
                SELECT 'i' || hex(segid) || hex(term) || pgno FROM temp.probe_idx UNION ALL
                SELECT 's' || id || hex(sz) FROM temp.probe_docsize
                """)
        return (rows, replayed)
    }

    @Test func replayedTokensMakeTheSameIndexAsSQLitesTokenizer() throws {
        let tokenizer = SearchTokenizer()
        // The fourth text has no entry: it is tokenized for real, and the entries after it still replay.
        let entries = Self.texts.enumerated().filter { $0.offset != 3 }.flatMap { tokenizer.entry(of: $0.element) }
        let plain = try DatabaseQueue().write { db in try Self.index(db, replaying: nil) }
        let replayed = try Store.inMemory().testSeam.write { db in try Self.index(db, replaying: entries) }
        #expect(replayed.replayed == Self.texts.count - 1)
        #expect(replayed.rows == plain.rows)
        #expect(!plain.rows.isEmpty)
    }

    @Test func entriesOfOtherTextsAreNotReplayed() throws {
        let tokenizer = SearchTokenizer()
        // Entries out of step with the texts (a text deleted before it was indexed) replay nothing wrong.
        let entries = ["a text never inserted", "another"].flatMap { tokenizer.entry(of: $0) }
        let plain = try DatabaseQueue().write { db in try Self.index(db, replaying: nil) }
        let replayed = try Store.inMemory().testSeam.write { db in try Self.index(db, replaying: entries) }
        #expect(replayed.replayed == 0)
        #expect(replayed.rows == plain.rows)
    }

    @Test func anImportedStoresIndexMatchesItsTextsAndFindsThem() throws {
        let store = try Store.inMemory()
        let directory = TemporaryDirectory()
        let file = directory.path("runs.jsonl")
        var lines: [String] = []
        for index in 0..<30 {
            lines.append(
                """
                {"id": "r\(index)", "conversations": [{"from": "human", "value": "Find the café number \(index)."}, \
                {"from": "gpt", "value": "Thought: look it up \(index) times.\\nAct: answer(Crème \(index))"}]}
                """)
        }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try TrajectoryImporter(store: store).importFiles([file])
        try store.testSeam.write { db in
            try db.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('integrity-check')")
            let hits = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH '\"creme 7\"'")
            #expect(hits == 1)
        }
    }
}
