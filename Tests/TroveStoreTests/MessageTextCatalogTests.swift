import GRDB
import Testing
import TroveCore

@testable import TroveStore

@Suite struct MessageTextCatalogTests {
    @Test func sharedTextsAreStoredOnceEvenAfterTheCatalogForgetsThem() throws {
        let store = try Store.inMemory()
        try store.testSeam.write { db in
            try StoreRows.insertTrajectories([(1, "a", 0, 0), (2, "b", 0, 0)], into: db)
            // A catalog that remembers one text forgets "OK." when it meets "Done.".
            let catalog = try MessageTextCatalog(db, capacity: 1)
            let statements = try ImportStatements(db, textsBefore: 0)
            let long = String(repeating: "a thought that no other message repeats ", count: 3)
            let first = try catalog.id(of: "OK.", hash: 1, turn: .observation, trajectory: 1, statements: statements)
            let done = try catalog.id(of: "Done.", hash: 2, turn: .observation, trajectory: 1, statements: statements)
            let again = try catalog.id(of: "OK.", hash: 1, turn: .observation, trajectory: 2, statements: statements)
            let thought = try catalog.id(of: long, hash: 3, turn: .agent, trajectory: 2, statements: statements)
            try catalog.writeUses(into: statements.textUse)
            try statements.flush()
            #expect(again == first)
            #expect(Set([first, done, thought]).count == 3)
            let texts = try Row.fetchAll(db, sql: "SELECT text, trajectory_id FROM message_text ORDER BY id")
            #expect(texts.map { $0[0] as String } == ["OK.", "Done.", long])
            #expect(texts.map { $0[1] as Int64? } == [nil, nil, 2])
            let uses = try Row.fetchAll(db, sql: "SELECT text_id, trajectory_id FROM text_use ORDER BY 1, 2")
            #expect(uses.map { [$0[0], $0[1]] as [Int64] } == [[first, 1], [first, 2], [done, 1]])
        }
    }

    @Test func textsWithTheSameHashAreKeptApart() throws {
        let store = try Store.inMemory()
        try store.testSeam.write { db in
            try StoreRows.insertTrajectories([(1, "a", 0, 0)], into: db)
            let catalog = try MessageTextCatalog(db)
            let statements = try ImportStatements(db, textsBefore: 0)
            let ok = try catalog.id(of: "OK.", hash: 7, turn: .observation, trajectory: 1, statements: statements)
            let no = try catalog.id(of: "No.", hash: 7, turn: .observation, trajectory: 1, statements: statements)
            let prompt = try catalog.id(of: "No.", hash: 7, turn: .prompt, trajectory: 1, statements: statements)
            #expect(Set([ok, no, prompt]).count == 3)
            #expect(try catalog.id(of: "OK.", hash: 7, turn: .observation, trajectory: 1, statements: statements) == ok)
            #expect(try catalog.id(of: "No.", hash: 7, turn: .observation, trajectory: 1, statements: statements) == no)
            #expect(try catalog.id(of: "No.", hash: 7, turn: .example, trajectory: 1, statements: statements) == prompt)
            try statements.flush()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_text") == 3)
        }
    }

    @Test func aCatalogOverItsByteBudgetForgetsAndFindsTextsInTheStore() throws {
        let store = try Store.inMemory()
        try store.testSeam.write { db in
            try StoreRows.insertTrajectories([(1, "a", 0, 0)], into: db)
            // Five bytes hold "OK." or "Done.", not both; "A long prompt." is never held.
            let catalog = try MessageTextCatalog(db, byteCapacity: 5)
            let statements = try ImportStatements(db, textsBefore: 0)
            var ids: [Int64] = []
            for text in ["OK.", "Done.", "OK.", "A long prompt.", "A long prompt.", "Done."] {
                ids.append(try catalog.id(of: text, hash: 1, turn: .prompt, trajectory: 1, statements: statements))
            }
            #expect(ids[2] == ids[0])
            #expect(ids[4] == ids[3])
            #expect(ids[5] == ids[1])
            try statements.flush()
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message_text") == 3)
        }
    }
}

extension MessageTextCatalog {
    /// The id of `text` as the text of a turn of kind `turn`, stored as ``TextSharing`` decides.
    fileprivate func id(
        of text: String, hash: Int64, turn: TurnKind, trajectory: Int64, statements: ImportStatements
    ) throws -> Int64 {
        try id(
            of: text, hash: hash, sharing: TextSharing(of: text, turn: turn), trajectory: trajectory,
            statements: statements)
    }
}
