import GRDB
import Testing

@testable import TroveStore

@Suite struct MultiRowInsertTests {
    @Test func rowsReachTheTableInOrderWholeStatementsFirstTheRestOnFlush() throws {
        let store = try Store.inMemory()
        try store.testSeam.write { db in
            try db.execute(sql: "CREATE TEMP TABLE pair (n INTEGER, word TEXT)")
            let insert = try MultiRowInsert(db, insert: "INSERT INTO pair (n, word)", columns: 2, rowsPerStatement: 4)
            for n in 0..<10 {
                insert.add(.integer(Int64(n)))
                insert.add(n == 3 ? .null : .text("w\(n)"))
                try insert.endRow()
            }
            // Two statements of four rows ran; the last two wait for the flush.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pair") == 8)
            try insert.flush()
            let rows = try Row.fetchAll(db, sql: "SELECT n, word FROM pair ORDER BY rowid")
            #expect(rows.map { $0[0] as Int } == Array(0..<10))
            #expect(rows.map { $0[1] as String? } == (0..<10).map { $0 == 3 ? nil : "w\($0)" })
        }
    }
}
