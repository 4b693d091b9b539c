import Foundation
import Testing
import TroveCore
import TroveTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `--out` writes only what it may: streams straight through, regular files
/// replaced atomically with their mode, never a directory, the store or an input.
@Suite struct OutputTargetTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }
    private let fixture = Fixtures.url("import/db-small.jsonl").path

    private func trove(_ arguments: [String], environment: [String: String] = [:]) throws -> TroveBinary.Result {
        try TroveBinary.run(
            [arguments[0], "--store", store] + arguments.dropFirst(), environment: environment,
            in: directory.url.path)
    }

    private func importFixture() throws {
        _ = try trove(["import", fixture, "--reward", "1"])
    }

    private func export(_ out: String, _ extra: [String] = [], environment: [String: String] = [:]) throws
        -> TroveBinary.Result
    {
        try trove(
            ["export", "--policy", "agenttuning", "--format", "sharegpt", "--out", out] + extra,
            environment: environment)
    }

    private func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    private func contents(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Files in the directory other than the store's, the fixture's and `keeping`.
    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".trove-") }
    }

    /// Also named through a symlink (as `/dev/stdout` is): a link to a stream damages nothing.
    @Test(arguments: [false, true]) func aFIFOIsWrittenThroughAndStaysAFIFO(throughALink: Bool) throws {
        try importFixture()
        let fifo = directory.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let out = throughALink ? directory.path("to-pipe") : fifo
        if throughALink { #expect(symlink("pipe", out) == 0) }
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let result = try export(out)
        while !reader.isFinished { usleep(1000) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(mode(fifo) == 0o600)
        #expect(String(decoding: received, as: UTF8.self).split(separator: "\n").count == 3)
        #expect(!FileManager.default.fileExists(atPath: out + ".manifest.json"))
        #expect(try leftovers().isEmpty)
    }

    @Test(.enabled(if: getuid() == 0, "mknod needs root")) func aCharacterDeviceIsWrittenThroughAndStaysADevice()
        throws
    {
        try importFixture()
        let device = directory.path("null")
        let mknod = try Process.run(URL(fileURLWithPath: "/usr/bin/mknod"), arguments: [device, "c", "1", "3"])
        mknod.waitUntilExit()
        #expect(chmod(device, 0o666) == 0)
        let result = try export(device)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fileType(device) == S_IFCHR)
        #expect(mode(device) == 0o666)
        #expect(!FileManager.default.fileExists(atPath: device + ".manifest.json"))
        #expect(try leftovers().isEmpty)
    }

    @Test func aStreamGetsAManifestOnlyWhereAskedAndItDescribesWhatWasWritten() throws {
        try importFixture()
        let manifest = directory.path("elsewhere.json")
        let result = try export("-", ["--manifest", manifest])
        #expect(result.status == 0)
        let object = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: manifest)))).objectValue
        let output = object?["outputs"]?.arrayValue?.first?.objectValue
        #expect(output?["path"] == .string("-"))
        #expect(output?["sha256"] == .string(SHA256.hash(Array(result.stdout.utf8)).hexString))
    }

    /// A command replaces only a file it names itself: an output that is a symlink (to a file, or to a
    /// name that does not exist yet) is refused with 73, the link and its target left as they were.
    @Test(arguments: ["real/agent.jsonl", "real/missing.jsonl"])
    func aSymlinkIsRefusedWith73AndNothingIsWritten(target: String) throws {
        try importFixture()
        let targetDirectory = directory.path("real")
        try FileManager.default.createDirectory(atPath: targetDirectory, withIntermediateDirectories: true)
        directory.write("real/agent.jsonl", "old\n")
        let link = directory.path("link.jsonl")
        #expect(symlink(target, link) == 0)
        let general = Fixtures.url("general/sharegpt-small.json").path
        let runs = [
            try export(link),
            try trove(["mix", "--general", general, "--total", "10", "--format", "sharegpt", "--out", link]),
            try TroveBinary.run(["synth", "--count", "2", "--out", link], in: directory.url.path),
        ]
        for result in runs {
            #expect(result.status == 73, "\(result.stderr)")
            #expect(result.stderr.contains("link.jsonl: cannot create: is a symbolic link"), "\(result.stderr)")
        }
        #expect(fileType(link) == S_IFLNK)
        #expect(contents(directory.path("real/agent.jsonl")) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: targetDirectory) == ["agent.jsonl"])
        #expect(!FileManager.default.fileExists(atPath: link + ".manifest.json"))
        #expect(try leftovers().isEmpty)
    }

    @Test func aNewFileGetsTheUmasksModeAndNoTemporaryIsLeft() throws {
        try importFixture()
        let out = directory.path("agent.jsonl")
        let result = try export(out)
        #expect(result.status == 0)
        let umask = umask(0o022)
        _ = Glibc.umask(umask)
        #expect(mode(out) == 0o666 & ~umask)
        #expect(try leftovers().isEmpty)
    }

    /// QA: a write-protected output was replaced by a user who could not have written it (trove renames
    /// a temporary over it, which needs only the directory's permission); the shell's `>` refuses it.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aFileTheUserMayNotWriteIsRefusedWith73() throws {
        try importFixture()
        #expect(chmod(directory.url.path, 0o777) == 0)
        let protected = directory.write("protected.jsonl", "keep\n")
        #expect(chmod(protected, 0o444) == 0)
        let general = Fixtures.url("general/sharegpt-small.json").path
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        for arguments in [
            ["synth", "--count", "2", "--out", protected],
            ["export", "--store", store, "--format", "sharegpt", "--out", protected],
            [
                "mix", "--store", store, "--general", general, "--total", "4", "--format", "sharegpt", "--out",
                protected,
            ],
        ] {
            let result = try TroveBinary.run(arguments, in: "/", launcher: nobody)
            #expect(result.status == 73, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("\(protected): cannot create: is write-protected"), "\(result.stderr)")
            #expect(contents(protected) == "keep\n")
        }
        #expect(try leftovers().isEmpty)
        // Root may write it, as with the shell's `>`.
        #expect(try TroveBinary.run(["synth", "--count", "2", "--out", protected]).status == 0)
        #expect(contents(protected) != "keep\n")
    }

    @Test func aDirectoryIsAUsageError() throws {
        try importFixture()
        let result = try export(directory.url.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("is a directory"))
    }

    @Test func theStoreItsLinksAndTheInputsAreRefused() throws {
        try importFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        #expect(link(store, directory.path("hard.sqlite")) == 0)
        #expect(symlink(store, directory.path("soft.sqlite")) == 0)
        for out in [store, directory.path("hard.sqlite")] {
            let result = try export(out)
            #expect(result.status == 64, "\(out)")
            #expect(result.stderr.contains("\(out): is an SQLite database"), "\(out)")
        }
        let wal = try export(store + "-wal")
        #expect(wal.status == 64)
        #expect(wal.stderr.contains("belongs to the SQLite database"))
        // A WAL store keeps no rollback journal: its name is refused before the file exists.
        let journal = try export(store + "-journal")
        #expect(journal.status == 64)
        #expect(journal.stderr.contains("belongs to the SQLite database"))
        #expect(!FileManager.default.fileExists(atPath: store + "-journal"))
        #expect(try export(directory.path("soft.sqlite")).status == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(try trove(["check"]).status == 0)
        let twice = try export(directory.path("a.jsonl"), ["--manifest", directory.path("a.jsonl")])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("is given as two outputs"))
        let general = directory.path("general.json")
        try FileManager.default.copyItem(atPath: Fixtures.url("general/sharegpt-small.json").path, toPath: general)
        let original = try Data(contentsOf: URL(fileURLWithPath: general))
        let mix = try trove([
            "mix", "--general", general, "--total", "10", "--format", "sharegpt", "--out", general,
        ])
        #expect(mix.status == 64)
        #expect(mix.stderr.contains("trove: \(general): is one of the inputs; choose another output"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: general)) == original)
    }

    /// QA: `--out` naming another trove store, or any SQLite database, used to replace it with JSONL.
    @Test func anSQLiteDatabaseIsRefusedByEveryCommandThatWritesOutputs() throws {
        try importFixture()
        let other = directory.path("other.sqlite")
        #expect(
            try TroveBinary.run(["import", "--store", other, fixture, "--reward", "1"], in: directory.url.path).status
                == 65)
        let foreign = directory.path("foreign.db")
        try Data("SQLite format 3\0".utf8 + [UInt8](repeating: 0, count: 84)).write(to: URL(fileURLWithPath: foreign))
        let general = Fixtures.url("general/sharegpt-small.json").path
        for database in [other, foreign] {
            let before = try Data(contentsOf: URL(fileURLWithPath: database))
            let attempts = [
                try export(database),
                try export(directory.path("agent.jsonl"), ["--manifest", database]),
                try trove(["export", "--format", "dpo", "--out", database]),
                try trove(["mix", "--general", general, "--total", "4", "--format", "sharegpt", "--out", database]),
                try TroveBinary.run(["synth", "--count", "2", "--out", database], in: directory.url.path),
            ]
            for result in attempts {
                #expect(result.status == 64, "\(database): \(result.stderr)")
                #expect(result.stderr.contains("trove: \(database): is an SQLite database"), "\(result.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
            #expect(!FileManager.default.fileExists(atPath: database + ".manifest.json"))
        }
        // The held-out file of a split is checked as OUT is.
        let held = directory.path("split.valid.jsonl")
        try FileManager.default.copyItem(atPath: foreign, toPath: held)
        let split = try export(directory.path("split.jsonl"), ["--split", "valid=0.5"])
        #expect(split.status == 64)
        #expect(split.stderr.contains("trove: \(held): is an SQLite database"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("split.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("agent.jsonl")))
        #expect(try TroveBinary.run(["check", "--store", other], in: directory.url.path).status == 0)
        #expect(try leftovers().isEmpty)
    }

    /// QA: `--out STORE.rejects.jsonl` used to replace the import's rejects log; it is refused whether
    /// the file exists yet or not, and however it is named.
    @Test func theStoresRejectsFileIsRefusedByNameAndByLink() throws {
        try importFixture()
        let rejects = store + ".rejects.jsonl"
        let before = try #require(contents(rejects))
        #expect(link(rejects, directory.path("hard.jsonl")) == 0)
        let general = Fixtures.url("general/sharegpt-small.json").path
        for out in [rejects, "./store.sqlite.rejects.jsonl", directory.path("hard.jsonl")] {
            for result in [
                try export(out), try export(directory.path("agent.jsonl"), ["--manifest", out]),
                try trove(["export", "--format", "kto", "--out", out]),
                try trove(["mix", "--general", general, "--total", "4", "--format", "sharegpt", "--out", out]),
            ] {
                #expect(result.status == 64, "\(out): \(result.stderr)")
                #expect(
                    result.stderr.contains("trove: \(out): is the store's rejects file, where trove import appends"),
                    "\(result.stderr)")
            }
        }
        #expect(contents(rejects) == before)
        #expect(try FileManager.default.removeItem(atPath: rejects) == ())
        #expect(try export("store.sqlite.rejects.jsonl").status == 64)
        #expect(!FileManager.default.fileExists(atPath: rejects))
        #expect(!FileManager.default.fileExists(atPath: directory.path("agent.jsonl")))
        #expect(try leftovers().isEmpty)
    }

    @Test func leftoversOfDeadRunsAreRemovedAndALiveRunsAreKept() throws {
        try importFixture()
        let dead = directory.write(".agent.jsonl.trove-999999999-1.tmp", "half")
        let live = directory.write(".agent.jsonl.trove-\(getpid())-2.tmp", "busy")
        let planted = directory.path(".agent.jsonl.trove-0-3.tmp")
        #expect(symlink(directory.path("victim"), planted) == 0)
        let result = try export(directory.path("agent.jsonl"))
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(!FileManager.default.fileExists(atPath: directory.path("victim")))
    }

    @Test func aRunEndedBySIGTERMRemovesItsTemporaries() throws {
        try importFixture()
        // A manifest FIFO with no reader holds the run after the records are written to their temporary.
        let fifo = directory.path("manifest-pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = TroveBinary.url
        process.arguments = [
            "export", "--store", store, "--policy", "agenttuning", "--format", "sharegpt", "--out",
            directory.path("agent.jsonl"), "--manifest", fifo,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        var waited = 0
        while try leftovers().isEmpty, waited < 10_000 {
            usleep(10_000)
            waited += 10
        }
        #expect(try leftovers().count == 1)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try leftovers().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path("agent.jsonl")))
    }

    /// QA: `copy` and `backup` ended by SIGTERM left `.NAME.creating-PID` with its `-wal` and `-shm`, or
    /// the backup's temporary with its `-journal`; one killed outright left them until a later run to
    /// the same name (a dead run's `-journal` forever). A signal removes them all, and the next run that
    /// writes a file in the directory removes what a killed one left.
    @Test func aCopyOrBackupEndedBySignalLeavesNothingAndAKilledOnesFilesGoWithTheNextRun() throws {
        try importFixture()
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter {
                $0.contains(".creating-") || $0.contains(".trove-")
            }
        }
        let runs = [
            ("copy-filled", ["copy", store, directory.path("c.sqlite")]),
            ("backup-copied", ["backup", "--store", store, directory.path("b.sqlite")]),
        ]
        for (point, arguments) in runs {
            let ended = try TroveBinary.run(
                arguments, environment: ["TROVE_KILL_AT": point, "TROVE_KILL_SIGNAL": "\(SIGTERM)"],
                in: directory.url.path)
            #expect(ended.status == SIGTERM, "\(point): \(ended.stderr)")
            #expect(try temporaries().isEmpty, "\(point)")
        }
        for (point, arguments) in runs {
            let killed = try TroveBinary.run(arguments, environment: ["TROVE_KILL_AT": point], in: directory.url.path)
            #expect(killed.status == SIGKILL, "\(point): \(killed.stderr)")
        }
        #expect(try temporaries().contains { $0.hasPrefix(".c.sqlite.creating-") && $0.hasSuffix("-wal") })
        #expect(try temporaries().contains { $0.hasPrefix(".b.sqlite.trove-") && $0.hasSuffix(".tmp") })
        directory.write(".b.sqlite.trove-999999999-ab.tmp-journal", "hot")
        #expect(try trove(["backup", directory.path("other.sqlite")]).status == 0)
        let afterBackup = try temporaries()
        #expect(afterBackup.allSatisfy { $0.contains(".creating-") }, "\(afterBackup)")
        #expect(try TroveBinary.run(["copy", store, directory.path("d.sqlite")], in: directory.url.path).status == 0)
        #expect(try temporaries().isEmpty)
        for name in ["b.sqlite", "c.sqlite"] { #expect(!FileManager.default.fileExists(atPath: directory.path(name))) }
    }

    @Test func aBackupKeepsTheStoresModeAndNeverReplacesWhatIsAtItsDestination() throws {
        try importFixture()
        #expect(chmod(store, 0o600) == 0)
        let copy = directory.path("copy.sqlite")
        #expect(try trove(["backup", copy]).status == 0)
        #expect(mode(copy) == 0o600)
        // A name that exists only as a dangling link is still taken: the copy is linked into place, not renamed.
        let planted = directory.path("planted.sqlite")
        #expect(symlink(directory.path("elsewhere"), planted) == 0)
        let refused = try trove(["backup", planted])
        #expect(refused.status == 64)
        #expect(fileType(planted) == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: directory.path("elsewhere")))
        #expect(try leftovers().isEmpty)
        // A directory is named as one, with the way out.
        let intoDirectory = try trove(["backup", directory.path("")])
        #expect(intoDirectory.status == 64)
        #expect(intoDirectory.stderr.contains("is a directory; name the backup's file"), "\(intoDirectory.stderr)")
    }

    /// QA: a backup or copy into the store's `-journal` (or another store's `-wal`) reported success,
    /// and the next command opening the store deleted it as the store's journal.
    @Test func aBackupOrCopyIntoADatabasesFilesIsRefused() throws {
        try importFixture()
        let other = directory.path("other.sqlite")
        #expect(try trove(["backup", other]).status == 0)
        // The rejects file is refused by name before the first import writes it.
        try? FileManager.default.removeItem(atPath: store + ".rejects.jsonl")
        let attempts = [
            (store + "-journal", try trove(["backup", store + "-journal"])),
            (store + "-journal", try TroveBinary.run(["copy", store, store + "-journal"], in: directory.url.path)),
            (other + "-wal", try trove(["backup", other + "-wal"])),
            (other + "-shm", try TroveBinary.run(["copy", store, other + "-shm"], in: directory.url.path)),
            (store + ".rejects.jsonl", try trove(["backup", store + ".rejects.jsonl"])),
        ]
        for (destination, result) in attempts {
            #expect(result.status == 64, "\(destination): \(result.stderr)")
            #expect(result.stderr.contains("trove: \(destination): "), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: destination))
        }
        #expect(attempts[0].1.stderr.contains("belongs to the SQLite database"), "\(attempts[0].1.stderr)")
        #expect(attempts[4].1.stderr.contains("is the store's rejects file"), "\(attempts[4].1.stderr)")
        #expect(try trove(["check"]).status == 0)
        #expect(try TroveBinary.run(["check", "--store", other], in: directory.url.path).status == 0)
        #expect(try leftovers().isEmpty)
    }

    @Test func aFileSizeLimitIsReportedAndLeavesNothingBehind() throws {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 100 blocks of 512 bytes: synth's 2,000 records go past it.
        shell.arguments = [
            "-c", "ulimit -f 100; exec \"$0\" synth --count 2000 --out \"$1\"", TroveBinary.url.path,
            directory.path("big.jsonl"),
        ]
        let errors = Pipe()
        shell.standardError = errors
        try shell.run()
        shell.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(shell.terminationStatus == 74)
        #expect(message.contains("big.jsonl: cannot write: File too large"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("big.jsonl")))
        #expect(try leftovers().isEmpty)
    }

    @Test func aFullStandardOutputExits74WithAMessage() throws {
        try importFixture()
        let process = Process()
        process.executableURL = TroveBinary.url
        process.arguments = ["stats", "--store", store]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 74)
        #expect(message.contains("cannot write to standard output: No space left on device"))
    }
}
