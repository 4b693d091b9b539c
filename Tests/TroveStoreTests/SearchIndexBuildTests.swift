import Foundation
import GRDB
import Testing
import TroveCore
import TroveTestSupport

@testable import TroveStore

/// An import into a store without texts builds the search index on a second thread in a scratch database
/// and moves it in when it ends (DECISIONS.md 75): the index is the one a batch-by-batch import writes, a
/// later import writes into it as before, and a build a dead process left is finished by the next writer.
@Suite struct SearchIndexBuildTests {
    private let directory = TemporaryDirectory()
    private let fixtures = [
        "import/db-small.jsonl", "dialects/os.json", "dialects/webshop.json", "dialects/alfworld.json",
    ].map { Fixtures.url($0).path }

    private func importAll(_ paths: [String], into store: Store, apart: Bool = true) throws {
        var importer = TrajectoryImporter(store: store, options: .init(batchSize: 1))
        importer.buildsSearchIndexApart = apart
        _ = try importer.importFiles(paths)
    }

    private func newStore(_ name: String) throws -> Store {
        try Store.open(path: directory.path(name), createIfMissing: true)
    }

    /// Every row of the index's own tables, as text.
    private func indexRows(_ store: Store) throws -> [String] {
        try store.testSeam.read { db in
            try ["message_fts_data", "message_fts_idx", "message_fts_docsize"].flatMap { table in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT '\(table) ' || \(table == "message_fts_idx" ? "segid || ' ' || hex(term) || ' ' || pgno" : "id || ' ' || hex(\(table == "message_fts_docsize" ? "sz" : "block"))") FROM \(table) ORDER BY 1"
                )
            }
        }
    }

    private func searchIsWhole(_ store: Store) throws {
        try store.testSeam.write { db in
            try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try store.check().isOK)
    }

    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".search-") }
    }

    private func registeredBuilds(_ store: Store) throws -> Int {
        try store.testSeam.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM store_info WHERE key GLOB 'search_index_build:*'") ?? 0
        }
    }

    @Test func theIndexBuiltApartIsTheOneWrittenBatchByBatch() throws {
        let apart = try newStore("apart.sqlite")
        let inline = try newStore("inline.sqlite")
        try importAll(fixtures, into: apart)
        try importAll(fixtures, into: inline, apart: false)
        let rows = try indexRows(apart)
        #expect(rows.count > 20)
        let other = try indexRows(inline)
        #expect(rows == other, "\(zip(rows, other).filter { $0 != $1 }.prefix(3))")
        try searchIsWhole(apart)
        #expect(try apart.trajectoryIDs(matching: try Filter.parse("has:singers")) == ["db_0"])
        #expect(try leftovers().isEmpty)
        #expect(try registeredBuilds(apart) == 0)
    }

    @Test func aLaterImportWritesIntoTheMovedIndex() throws {
        let store = try newStore("store.sqlite")
        try importAll([fixtures[0]], into: store)
        // The store now holds texts: this import indexes batch by batch, on the store's own connection,
        // which wrote the index's settings before the index was moved in.
        try importAll(Array(fixtures.dropFirst()), into: store)
        try searchIsWhole(store)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")) == ["db_0"])
        let reference = try newStore("reference.sqlite")
        try importAll([fixtures[0]], into: reference, apart: false)
        try importAll(Array(fixtures.dropFirst()), into: reference, apart: false)
        #expect(try indexRows(store) == (try indexRows(reference)))
    }

    @Test func aStoreInMemoryAndAReplacingImportIndexBatchByBatch() throws {
        let memory = try Store.inMemory()
        try importAll(fixtures, into: memory)
        try searchIsWhole(memory)
        let store = try newStore("store.sqlite")
        var importer = TrajectoryImporter(store: store, options: .init(replace: true, batchSize: 1))
        importer.options.onRunStarted = { _ in
            // Neither a scratch file nor a registration: the run writes the index as it goes.
            #expect((try? leftovers().isEmpty) == true)
        }
        _ = try importer.importFiles(fixtures)
        #expect(try registeredBuilds(store) == 0)
        try searchIsWhole(store)
    }

    @Test func aFailingImportLeavesWhatItCommittedSearchable() throws {
        // A gzip file whose second member is damaged: the first one's records commit, then reading fails (a
        // file cut short does not fail the import: it is a truncation the summary reports).
        let lines = try String(contentsOfFile: fixtures[0], encoding: .utf8)
        let whole = directory.path("db.jsonl")
        try (String(repeating: lines, count: 1) + lines.replacingOccurrences(of: "\"db_", with: "\"again_"))
            .write(toFile: whole, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", whole]
        try gzip.run()
        gzip.waitUntilExit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole + ".gz"))
        let cut = directory.path("damaged.jsonl.gz")
        let damagedMember = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03] + Array(repeating: 0xFF, count: 64))
        try (bytes + damagedMember).write(to: URL(fileURLWithPath: cut))
        let store = try newStore("store.sqlite")
        #expect(throws: (any Error).self) { try importAll([cut], into: store) }
        #expect(try store.trajectoryCount() > 0)
        #expect(try registeredBuilds(store) == 0)
        #expect(try leftovers().isEmpty)
        try searchIsWhole(store)
        let stored = try store.trajectoryCount()
        let found = try store.trajectoryIDs(matching: try Filter.parse("has:singers"))
        #expect(found.first == "db_0")
        // Every stored trajectory holding the words is found: the cut file's copy too, if it was stored.
        #expect(found == (stored > 3 ? ["db_0", "again_0"] : ["db_0"]))
    }

    @Test func theBuildDefersToAnIndexAnotherImportWrote() throws {
        let path = directory.path("store.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        let build = try SearchIndexBuild(storePath: path)
        #expect(try store.testSeam.write { db in try build.claim(db) })
        let texts = ["the build indexes these words", "and these"]
        try addTexts(texts, to: store, indexed: false)
        var packed = PackedTexts()
        for text in texts { packed.append(text) }
        build.index(after: 0, through: 2, texts: packed)
        // Another import wrote a text and indexed it in the store meanwhile.
        try addTexts(["another import's text"], to: store, indexed: true)
        try build.finish()
        try searchIsWhole(store)
        #expect(try hits("words", store) == [1])
        #expect(try hits("another", store) == [3])
        #expect(try registeredBuilds(store) == 0)
        #expect(try leftovers().isEmpty)
    }

    @Test func aStoreWithTextsIsNotClaimed() throws {
        let path = directory.path("store.sqlite")
        let store = try Store.open(path: path, createIfMissing: true)
        try addTexts(["already here"], to: store, indexed: true)
        let build = try SearchIndexBuild(storePath: path)
        #expect(try store.testSeam.write { db in try build.claim(db) } == false)
        build.discard()
        #expect(try leftovers().isEmpty)
        #expect(try registeredBuilds(store) == 0)
    }

    @Test func anInterruptedBuildIsFinishedByTheNextWriterAndARunningOneIsLeftAlone() throws {
        let path = directory.path("store.sqlite")
        do {
            let store = try Store.open(path: path, createIfMissing: true)
            try importAll(fixtures, into: store)
            // What a killed import leaves: texts the index lacks, its registration and its scratch file.
            try store.testSeam.write { db in
                try db.execute(sql: "INSERT INTO message_fts (message_fts) VALUES ('delete-all')")
                try db.execute(
                    sql: "INSERT INTO store_info (key, value) VALUES ('search_index_build:.store.sqlite.search-1-2', "
                        + "'.store.sqlite.search-1-2')")
            }
        }
        let scratch = directory.write(".store.sqlite.search-1-2", "")
        // While its scratch file is locked, its import is running: nothing changes.
        let lock = open(scratch, O_RDONLY)
        #expect(flock(lock, LOCK_EX) == 0)
        do {
            let store = try Store.open(path: path)
            #expect(try registeredBuilds(store) == 1)
            #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")).isEmpty)
            // The gap is the running import's, not a problem: the check skips the index.
            let finding = try #require(try store.check().findings.first { $0.check == "full-text index" })
            #expect(
                finding.problems.isEmpty && finding.skipped?.hasPrefix("an import in progress is building it") == true)
        }
        close(lock)
        let store = try Store.open(path: path)
        #expect(try registeredBuilds(store) == 0)
        #expect(!FileManager.default.fileExists(atPath: scratch))
        try searchIsWhole(store)
        #expect(try store.trajectoryIDs(matching: try Filter.parse("has:singers")) == ["db_0"])
    }

    @Test func aRegistrationNamingAnotherFileRemovesNothing() throws {
        let path = directory.path("store.sqlite")
        let victim = directory.write("victim", "keep me")
        do {
            let store = try Store.open(path: path, createIfMissing: true)
            try store.testSeam.write { db in
                for name in [
                    "victim", "../victim", ".store.sqlite.search-/../victim", "/tmp/.store.sqlite.search-x/../victim",
                ] {
                    try db.execute(
                        sql: "INSERT INTO store_info (key, value) VALUES (?, ?)",
                        arguments: ["search_index_build:" + name, name])
                }
            }
        }
        let store = try Store.open(path: path)
        #expect(try registeredBuilds(store) == 0)
        #expect(FileManager.default.fileExists(atPath: victim))
    }

    private func addTexts(_ texts: [String], to store: Store, indexed: Bool) throws {
        try store.testSeam.write { db in
            for text in texts {
                try db.execute(sql: "INSERT INTO message_text (hash, text) VALUES (0, ?)", arguments: [text])
                if indexed {
                    try db.execute(
                        sql: "INSERT INTO message_fts (rowid, text) VALUES (?, ?)",
                        arguments: [db.lastInsertedRowID, text])
                }
            }
        }
    }

    private func hits(_ word: String, _ store: Store) throws -> [Int64] {
        try store.testSeam.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid", arguments: [word])
        }
    }
}
