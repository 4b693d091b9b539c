import Foundation
import GRDB
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Guarantee 5 of docs/reliability.md: newer stores are refused, read-only stores are read and not
/// written (and say so), `trove backup` copies a consistent snapshot while others write, and
/// `trove check` finds damage.
@Suite struct StoreHygieneTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func makeStore(records: Int = 10) throws {
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: records, to: input)
        try TroveBinary.run(["import", "--store", store, "--quiet", input]).expectSuccess()
    }

    @Test(arguments: ["migration", "schema_version"])
    func aStoreFromANewerTroveIsRefusedWithAClearMessage(_ marker: String) throws {
        try makeStore()
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in
            if marker == "migration" {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            } else {
                try db.execute(sql: "UPDATE store_info SET value = '99' WHERE key = 'schema_version'")
            }
        }
        try queue.close()
        for command in [["stats"], ["label", "os_1", "--accept"], ["import", Fixtures.url("hostile/bom.jsonl").path]] {
            let result = try TroveBinary.run([command[0], "--store", store] + command.dropFirst())
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("written by a newer version of trove; upgrade trove to open it"))
        }
        #expect(try StoreAudit.of(store).labelEvents == 0)
    }

    @Test func aWriteProtectedStoreIsReadButNotWrittenAndSaysSo() throws {
        try makeStore()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: store) }
        let label = try TroveBinary.run(["label", "--store", store, Corpus.id(1), "--accept"])
        #expect(label.status == 66)
        #expect(label.stderr.contains("is read-only: nothing can be written to it (the file is write-protected)"))
        let undo = try TroveBinary.run(["label", "--store", store, "--undo"])
        #expect(undo.status == 66)
        let importing = try TroveBinary.run(["import", "--store", store, Fixtures.url("hostile/bom.jsonl").path])
        #expect(importing.status == 66)
        #expect(try Store.open(path: store).isReadOnly)
        try TroveBinary.run(["stats", "--store", store]).expectSuccess()
        try TroveBinary.run(["show", "--store", store, Corpus.id(1)]).expectSuccess()
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0)
        #expect(check.stdout.contains("skipped  full-text index (the store is read-only)"))
        #expect(check.stdout.contains("skipped  CHECK constraints (the store is read-only)"))
        let audit = try StoreAudit.of(store)
        #expect(audit.labelEvents == 0 && audit.trajectories == 10)
    }

    @Test func backupCopiesAConsistentSnapshotWhileAReviewerWrites() throws {
        let runs = 30
        try makeStore(records: 2 * runs)
        let writes = Counter()
        let store = self.store
        let writer = Thread {
            for run in 0..<runs {
                let result = try? TroveBinary.run([
                    "label", "--store", store, Corpus.id(2 * run), Corpus.id(2 * run + 1), "--reject", "--reviewer",
                    "r",
                ])
                writes.add(result?.status == 0 ? 1 : 0, failure: result?.stderr ?? "could not run")
            }
        }
        writer.start()
        var backups = 0
        repeat {
            let destination = directory.path("backup-\(backups).sqlite")
            let result = try TroveBinary.run(["backup", "--store", store, destination])
            #expect(result.status == 0, "\(result.stderr)")
            let audit = try StoreAudit.of(destination)
            #expect(audit.isClean, "\(audit)")
            #expect(audit.trajectories == 2 * runs)
            #expect(audit.labelEvents % 2 == 0, "backup \(backups) holds half a label run")
            try TroveBinary.run(["check", "--store", destination]).expectSuccess()
            backups += 1
        } while !writer.isFinished
        #expect(writes.succeeded == runs, "\(writes.failures)")
        // A backup never overwrites.
        let again = try TroveBinary.run(["backup", "--store", store, directory.path("backup-0.sqlite")])
        #expect(again.status == 64)
        print("reliability: \(backups) online backups taken during \(runs) label writes, each a whole snapshot")
    }

    @Test func checkPassesAHealthyStoreAndNamesDamage() throws {
        try makeStore()
        try TroveBinary.run(["label", "--store", store, Corpus.id(1), "--accept", "--tag", "x", "--reviewer", "r"])
            .expectSuccess()
        let healthy = try TroveBinary.run(["check", "--store", store])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        for check in [
            "SQLite integrity", "foreign keys", "message rows", "steps", "flags", "current labels", "turn labels",
            "full-text index",
        ] {
            #expect(healthy.stdout.contains("ok       \(check)\n"), "\(healthy.stdout)")
        }
        // Damage trove's invariants behind its back, as a careless script would.
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM message_row WHERE trajectory_id = 3 AND idx = 0")
            try db.execute(sql: "DELETE FROM text_use WHERE trajectory_id = 4")
            try db.execute(sql: "DELETE FROM label_tag")
            // A CHECK constraint broken by a script that turned the constraints off.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE message_row SET role = 'robot' WHERE trajectory_id = 5 AND idx = 0")
        }
        try queue.close()
        let damaged = try TroveBinary.run(["check", "--store", store])
        #expect(damaged.status == 65)
        #expect(damaged.stdout.contains("FAILED   message rows\n  \(Corpus.id(2)): message_count"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("FAILED   current labels"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("\n  \(Corpus.id(3)): message "), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("cannot be found by search"), "\(damaged.stdout)")
        #expect(
            damaged.stdout.contains("FAILED   SQLite integrity\n  CHECK constraint failed in message_row\n"),
            "\(damaged.stdout)")
    }
    /// Issue 18 item 12: `trove check --store typo.sqlite` created the file and said ok.
    @Test func noCommandButImportCreatesAStoreAndAFileThatIsNotOneIsRefused() throws {
        let typo = directory.path("typo.sqlite")
        let commands = [
            ["check"], ["stats"], ["show", "os_1"], ["label", "os_1", "--accept"], ["label", "--undo"],
            ["export", "--format", "sharegpt", "--out", directory.path("out.jsonl")],
            ["backup", directory.path("copy.sqlite")],
        ]
        for command in commands {
            let result = try TroveBinary.run([command[0], "--store", typo] + command.dropFirst())
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("no such store"), "\(command): \(result.stderr)")
        }
        let empty = directory.write("empty.sqlite", "")
        for command in [["check"], ["stats"], ["import", Fixtures.url("hostile/bom.jsonl").path]] {
            let result = try TroveBinary.run([command[0], "--store", empty] + command.dropFirst())
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("is not a trove store"), "\(command): \(result.stderr)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["empty.sqlite"])
    }

    /// Issue 10 item 2: a failed command leaves no file behind, and a missing input changes nothing.
    @Test func aMissingInputCreatesNoStoreAndImportsNothing() throws {
        let missing = directory.path("missing.jsonl")
        let fresh = try TroveBinary.run(["import", "--store", directory.path("new.sqlite"), missing])
        #expect(fresh.status == 66)
        #expect(fresh.stderr.contains("missing.jsonl"), "\(fresh.stderr)")
        let review = try TroveBinary.run(["review", missing])
        #expect(review.status == 66)
        #expect(review.stderr.contains("missing.jsonl"), "\(review.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)

        try makeStore()
        let more = directory.path("more.jsonl")
        Corpus.writeJSONL(count: 5, to: more, startingAt: 100)
        let runs = try Store.open(path: store, readOnly: true).testSeam.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM import_run")
        }
        let partly = try TroveBinary.run(["import", "--store", store, more, missing])
        #expect(partly.status == 66)
        #expect(partly.stderr.contains("missing.jsonl"), "\(partly.stderr)")
        #expect(try StoreAudit.of(store).trajectories == 10)
        #expect(
            try Store.open(path: store, readOnly: true).testSeam.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM import_run")
            } == runs)
    }

    /// A store of 10 trajectories, the first two accepted, then `sql` run on it behind trove's back
    /// with `id` as its argument, as a damaged disk or a careless script would change it.
    private func makeAcceptedStoreAndDamage(_ sql: String, of id: String) throws {
        try makeStore()
        try TroveBinary.run([
            "label", "--store", store, Corpus.id(1), Corpus.id(2), "--accept", "--reviewer", "tester",
        ]).expectSuccess()
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in try db.execute(sql: sql, arguments: [id]) }
        try queue.close()
    }

    /// Issue 18 item 4: one changed byte inside a stored record passed `check` and was exported as
    /// "byte-identical".
    @Test func aRecordChangedInTheStoreIsNotExportedAndTheCheckNamesIt() throws {
        try makeAcceptedStoreAndDamage(
            "UPDATE trajectory SET original = CAST(CAST(original AS TEXT) || ' ' AS BLOB) WHERE external_id = ?",
            of: Corpus.id(2))
        let output = directory.path("out.jsonl")
        let export = try TroveBinary.run(["export", "--store", store, "--format", "agentinstruct", "--out", output])
        #expect(export.status == 65)
        #expect(
            export.stderr.contains("trajectory \(Corpus.id(2)): its stored bytes no longer match"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 65)
        #expect(
            check.stdout.contains("FAILED   records\n  \(Corpus.id(2)): its bytes do not match"),
            "\(check.stdout)")
    }

    /// Issue 18 item 7: a damaged store stopped `export` and `mix` with "Fatal error: 'try!' expression
    /// unexpectedly raised an error" (SIGILL).
    @Test func aDamagedRowIsAnErrorNamingItsTrajectoryNotACrash() throws {
        try makeAcceptedStoreAndDamage(
            "UPDATE trajectory SET source_line = x'01' WHERE external_id = ?", of: Corpus.id(1))
        let output = directory.path("out.jsonl")
        for command in [["show", Corpus.id(1)], ["export", "--format", "agentinstruct", "--out", output]] {
            let result = try TroveBinary.run([command[0], "--store", store] + command.dropFirst())
            #expect(result.status == 65, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("trajectory \(Corpus.id(1)) is damaged in the store"), "\(result.stderr)")
            #expect(result.stderr.contains("trove check"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 65)
        #expect(
            check.stdout.contains("FAILED   records\n  \(Corpus.id(1)): its source_line holds a blob"),
            "\(check.stdout)")
    }

    /// Issue 18 item 11: a store in a directory the reader cannot write could not even be read.
    @Test(.enabled(if: OtherUser.isAvailable, "needs setpriv to run as another user"))
    func aStoreInADirectoryTheReaderCannotWriteIsReadAndSaysWhatToDo() throws {
        try makeStore()
        // Only the directory keeps the reader from writing.
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: store)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path) }
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        for command in [
            ["stats"], ["show", Corpus.id(1)], ["check"], ["export", "--format", "sharegpt", "--out", "-"],
        ] {
            let result = try OtherUser.run([command[0], "--store", store] + command.dropFirst())
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let label = try OtherUser.run(["label", "--store", store, Corpus.id(1), "--accept", "--reviewer", "other"])
        #expect(label.status == 66)
        #expect(label.stderr.contains("Sharing a store"), "\(label.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == before)
    }
    /// Issue 18 item 11: a reader running as another user leaves `-wal`/`-shm` files the owner cannot
    /// write. Set up as docs/store.md's "Sharing a store" says, the owner writes while the other user
    /// reads; set up otherwise, the owner's store opens read-only and says what to do, instead of
    /// failing with "attempt to write a readonly database".
    @Test(
        .enabled(
            if: OtherUser.canActAsTwoUsers && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
            "needs root, setpriv and /usr/bin/python3 to act as two users"))
    func aStoreSharedAsDocumentedTakesLabelsWhileAnotherUserReadsIt() throws {
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: 4, to: input)
        let owner = OtherUser.identity(uid: 65533, gid: 4242)
        for shared in [true, false] {
            let folder = directory.path(shared ? "shared" : "private")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            #expect(chown(folder, 65533, 4242) == 0)
            #expect(chmod(folder, shared ? 0o2775 : 0o775) == 0)
            let store = folder + "/store.sqlite"
            #expect(try OtherUser.run(["import", "--store", store, "--quiet", input], as: owner).status == 0)
            if shared { #expect(chmod(store, 0o664) == 0) }
            // The other user, in the group, holds the store open, so its -wal and -shm stay.
            let ready = folder + "/ready"
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: Tool.path("setpriv")!)
            reader.arguments = [
                "--reuid=65534", "--regid=65534", "--groups=4242", "/usr/bin/python3", "-c",
                "import os, sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
                    + "c.execute('SELECT count(*) FROM trajectory').fetchall(); open(sys.argv[2], 'w').close(); "
                    + "end = time.time() + 30\nwhile time.time() < end and not os.path.exists(sys.argv[3]): time.sleep(0.02)",
                store, ready, folder + "/stop",
            ]
            try reader.run()
            defer {
                _ = FileManager.default.createFile(atPath: folder + "/stop", contents: nil)
                reader.waitUntilExit()
            }
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: ready), Date() < deadline { usleep(10_000) }
            #expect(FileManager.default.fileExists(atPath: store + "-shm"), "the reader holds the store open")
            let label = try OtherUser.run(
                ["label", "--store", store, Corpus.id(1), "--accept", "--reviewer", "owner"], as: owner)
            if shared {
                #expect(label.status == 0, "\(label.stderr)")
            } else {
                #expect(label.status == 66, "\(label.stderr)")
                #expect(label.stderr.contains("Sharing a store"), "\(label.stderr)")
            }
        }
    }
}
