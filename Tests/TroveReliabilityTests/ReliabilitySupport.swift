import Foundation
import GRDB
import TroveCore
import TroveStore
import TroveTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Tools the reliability tests drive besides `trove`; tests that need one skip cleanly without it.
enum Tool {
    /// The full path of `name` on `$PATH`, or `nil`.
    static func path(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let python3 = path("python3")
    static let sqlite3 = path("sqlite3")
}

/// The size the reliability tests run at: small in CI, the measured size (issue 14, "Measured")
/// with `TROVE_RELIABILITY_SCALE=full`.
enum ReliabilityScale {
    static let full = ProcessInfo.processInfo.environment["TROVE_RELIABILITY_SCALE"] == "full"
}

/// A `trove` process started in the background, to be waited for or killed.
final class TroveProcess {
    private let process = Process()
    let arguments: [String]

    /// Starts `trove arguments`, its output going to `log` (or nowhere).
    init(_ arguments: [String], log: String? = nil) throws {
        self.arguments = arguments
        process.executableURL = TroveBinary.url
        process.arguments = arguments
        process.environment = TroveBinary.childEnvironment
        process.standardInput = FileHandle.nullDevice
        if let log {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    /// Sends SIGKILL: the process gets no chance to clean up, as in a crash or power-off of the session.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    func interrupt() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGINT) }
    }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// How the process ended.
    enum Outcome: Equatable {
        case exited(Int32)
        case killed(Int32)
    }

    /// Waits for the end, killing the process if it outlives `limit` seconds (a hang guard, not a timing test).
    func wait(limit: Double = 300) -> Outcome {
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { usleep(2000) }
        if process.isRunning {
            kill()
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? .killed(process.terminationStatus) : .exited(process.terminationStatus)
    }

    /// Runs `trove arguments` to the end and returns how it ended.
    @discardableResult
    static func run(_ arguments: [String], limit: Double = 300) throws -> Outcome {
        try TroveProcess(arguments).wait(limit: limit)
    }
}

/// Trajectory files made at test time from the repository's fixtures.
enum Corpus {
    /// Every record of the dialect fixtures (AgentInstruct-shaped), as parsed objects.
    static let templates: [JSONObject] = {
        let directory = Fixtures.url("dialects")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()) ?? []
        return names.filter { $0.hasSuffix(".json") }.flatMap { name -> [JSONObject] in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let records = try? JSONParser.parse(Array(data)).arrayValue
            else { return [] }
            return records.compactMap(\.objectValue)
        }
    }()

    /// The id of record `index`: `TASK_INDEX`, the task taken from the fixture it copies.
    static func id(_ index: Int) -> String {
        let template = templates[index % templates.count]
        let task = template["id"]?.stringValue?.split(separator: "_").first.map(String.init) ?? "os"
        return "\(task)_\(index)"
    }

    /// Record `index` of a generated corpus: a fixture record with the id ``id(_:)``.
    static func record(_ index: Int) -> String {
        let template = templates[index % templates.count]
        var members = template.members.filter { $0.key != "id" }
        members.insert(JSONObject.Member(key: "id", value: .string(id(index))), at: 0)
        return JSONWriter.string(.object(JSONObject(members)))
    }

    /// Writes `count` generated records as JSONL to `path`.
    static func writeJSONL(count: Int, to path: String, startingAt first: Int = 0) {
        var text = ""
        for index in first..<(first + count) { text += record(index) + "\n" }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}

/// What a store holds, checked independently of trove's own `check`, so that a test proves more than
/// that trove agrees with itself.
struct StoreAudit {
    var integrity: [String]
    var foreignKeyViolations: Int
    /// Trajectories whose message rows or steps do not match their counts.
    var halfStored: [String]
    var fullTextOK: Bool
    /// Trajectories whose `label_current` is not their latest event.
    var staleCurrentLabels: Int
    var trajectories: Int
    var labelEvents: Int

    /// Whether an import's search index build is registered (`store_info`): running, or killed and left
    /// for the next writer to finish (docs/store.md, `message_fts`).
    var searchIndexBuild: Bool

    var isClean: Bool {
        integrity == ["ok"] && foreignKeyViolations == 0 && halfStored.isEmpty && fullTextOK
            && staleCurrentLabels == 0
    }

    /// Clean, or clean but for the texts of a registered search index build, which FTS5 finds whole
    /// in itself: what a killed import into a new store leaves.
    var isCleanButForARegisteredBuild: Bool {
        isClean || (searchIndexBuild && integrity == ["ok"] && foreignKeyViolations == 0 && halfStored.isEmpty)
    }

    /// Audits the store file at `path` through a fresh connection, as a reader after a crash would.
    static func of(_ path: String) throws -> StoreAudit {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.write { db in
            // Rank 1: the index against `message_text` too, not only against itself.
            let fullTextOK: Bool
            do {
                try db.execute(sql: "INSERT INTO message_fts (message_fts, rank) VALUES ('integrity-check', 1)")
                fullTextOK = true
            } catch {
                fullTextOK = false
            }
            let searchIndexBuild =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM store_info WHERE key GLOB 'search_index_build:*')")
                ?? false
            return StoreAudit(
                integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                foreignKeyViolations: try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                halfStored: try String.fetchAll(
                    db,
                    sql: """
                        SELECT external_id FROM trajectory t
                        WHERE message_count <> (SELECT count(*) FROM message_row WHERE trajectory_id = t.id)
                           OR message_count <> (SELECT count(*) FROM message WHERE trajectory_id = t.id)
                           OR step_count <> (SELECT count(*) FROM step WHERE trajectory_id = t.id)
                        """)
                    + (try Row.fetchAll(db, sql: "SELECT external_id, original, original_sha256 FROM trajectory")
                        .filter { row in SHA256.hash(Array(row[1] as Data)).hexString != row[2] as String }
                        .map { row in "\(row[0] as String): bytes differ from their sha256" }),
                fullTextOK: fullTextOK,
                staleCurrentLabels: try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM trajectory t
                        LEFT JOIN label_current c ON c.trajectory_id = t.id
                        WHERE c.event_id IS NOT (SELECT max(id) FROM label_event WHERE trajectory_id = t.id)
                        """) ?? -1,
                trajectories: try Int.fetchOne(db, sql: "SELECT count(*) FROM trajectory") ?? -1,
                labelEvents: try Int.fetchOne(db, sql: "SELECT count(*) FROM label_event") ?? -1,
                searchIndexBuild: searchIndexBuild)
        }
    }
}

/// Runs `trove` as a user who owns none of the test's files (uid and gid 65534, through `setpriv`
/// when the tests run as root), so that file permissions apply as they do to a colleague.
enum OtherUser {
    /// Whether the tests can run `trove` as another user.
    static var isAvailable: Bool { getuid() != 0 || Tool.path("setpriv") != nil }

    /// Whether the tests can act as two users of one group (they run as root and have `setpriv`).
    static var canActAsTwoUsers: Bool { getuid() == 0 && Tool.path("setpriv") != nil }

    /// The `setpriv` arguments of user `uid` with primary group `gid` and no other.
    static func identity(uid: Int, gid: Int) -> [String] {
        ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups"]
    }

    static func run(_ arguments: [String], as identity: [String] = identity(uid: 65534, gid: 65534)) throws
        -> TroveBinary.Result
    {
        let launcher = getuid() == 0 ? Tool.path("setpriv").map { [$0] + identity } ?? [] : []
        return try TroveBinary.run(arguments, in: "/", launcher: launcher)
    }
}
