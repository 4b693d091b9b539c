import Foundation
import GRDB
import TroveStore

/// The folder of generated data: synthetic JSONL files and stores, each made once and reused while the
/// folder is kept. Files appear under their final name only when complete.
struct Workspace {
    let directory: URL
    let toolbox: Toolbox
    let seed: UInt64

    /// A path in the workspace.
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// A path in the workspace with nothing at it (a store left by an earlier run is removed).
    func fresh(_ name: String) -> String {
        let path = path(name)
        for suffix in ["", "-wal", "-shm", "-journal", ".rejects.jsonl", ".manifest.json"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        return path
    }

    /// The size of the file at `path` in bytes, through symbolic links (a file of an earlier run linked
    /// into a kept folder).
    func size(of path: String) -> Int {
        let file = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return ((try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? NSNumber)?.intValue ?? 0
    }

    /// Synthetic JSONL of about `bytes` bytes (`trove synth --size`).
    func file(bytes: Int) throws -> String {
        try make("synth-\(bytes)B.jsonl") { partial in
            Progress.log("generating \(Format.bytes(bytes)) of synthetic JSONL")
            try trove(["synth", "--size", "\(bytes)B", "--seed", "\(seed)", "--out", partial])
        }
    }

    /// JSONL of `count` records: generated up to `importLimit`, beyond it the `importLimit` file repeated
    /// (the same rows the larger store copies).
    func records(count: Int, importLimit: Int) throws -> String {
        try make("synth-\(count).jsonl") { partial in
            if count <= importLimit {
                Progress.log("generating \(count) synthetic records")
                try trove(["synth", "--count", "\(count)", "--seed", "\(seed)", "--out", partial])
            } else {
                let base = try records(count: importLimit, importLimit: importLimit)
                Progress.log("writing \(count) records by repeating \(base)")
                try LineCopier.repeatLines(of: base, count: count, into: partial)
            }
        }
    }

    /// A store of `count` trajectories: imported from ``records(count:importLimit:)`` up to `importLimit`,
    /// beyond it a copy of the `importLimit` store whose rows are copied again (``StoreMultiplier``).
    func store(count: Int, importLimit: Int) throws -> String {
        try make("store-\(count).sqlite") { partial in
            if count <= importLimit {
                let file = try records(count: count, importLimit: importLimit)
                Progress.log("importing \(count) records into a store")
                try trove(["import", "--store", partial, "--reward", "1", "-q", file])
            } else {
                let base = try store(count: importLimit, importLimit: importLimit)
                Progress.log("building a store of \(count) by copying the rows of \(base)")
                do {
                    try Store.open(path: base).testSeam.writeWithoutTransaction { db in
                        try db.execute(sql: "VACUUM INTO ?", arguments: [partial])
                    }
                    try StoreMultiplier.grow(partial, to: count)
                } catch {
                    throw BenchError.failed("cannot build the \(count) store: \(error)")
                }
            }
        }
    }

    /// A store holding one OS trajectory of `turns` turns after its task (an agent turn and its output
    /// per step): the review UI's layout, step jumps and search on a long trajectory.
    func longTrajectoryStore(turns: Int) throws -> String {
        try make("store-long-\(turns).sqlite") { partial in
            let file = try make("long-\(turns).jsonl") { partial in
                Progress.log("generating one trajectory of \(turns) turns")
                var turnsJSON = [#"{"from":"human","value":"Count the files in /var/log, recursively."}"#]
                for step in 0..<(turns / 2) {
                    turnsJSON.append(
                        #"{"from":"gpt","value":"Think: look at directory \#(step) next.\n\nAct: bash\n\n```bash\nls -R /var/log/d\#(step)\n```"}"#
                    )
                    turnsJSON.append(
                        #"{"from":"human","value":"The output of the OS:\n\nfile-\#(step)-a\nfile-\#(step)-b\nkmountain-\#(step)"}"#
                    )
                }
                let record = #"{"id":"os_long_\#(turns)","conversations":["# + turnsJSON.joined(separator: ",") + "]}\n"
                guard FileManager.default.createFile(atPath: partial, contents: Data(record.utf8)) else {
                    throw BenchError.failed("cannot write \(partial)")
                }
            }
            Progress.log("importing the \(turns)-turn trajectory")
            try trove(["import", "--store", partial, "--reward", "1", "-q", file])
        }
    }

    /// A store holding one OS trajectory of about `megabytes` MB, nearly all of it one observation of
    /// numbered lines: what opening a huge record costs.
    func hugeRecordStore(megabytes: Int) throws -> String {
        try make("store-huge-\(megabytes)mb.sqlite") { partial in
            let file = try make("huge-\(megabytes)mb.jsonl") { partial in
                Progress.log("generating one record of \(megabytes) MB")
                let line = #"row: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"#
                let output = String(repeating: line, count: megabytes * 1_000_000 / line.utf8.count)
                let record = #"""
                    {"id":"os_huge_\#(megabytes)mb","conversations":[{"from":"human","value":"Count the rows."},\#
                    {"from":"gpt","value":"Think: look.\n\nAct: bash\n\n```bash\ncat rows\n```"},\#
                    {"from":"human","value":"The output of the OS:\n\n\#(output)"},\#
                    {"from":"gpt","value":"Think: done.\n\nAct: answer(1)"}]}

                    """#
                guard FileManager.default.createFile(atPath: partial, contents: Data(record.utf8)) else {
                    throw BenchError.failed("cannot write \(partial)")
                }
            }
            Progress.log("importing the \(megabytes) MB record")
            try trove(["import", "--store", partial, "--reward", "1", "-q", file])
        }
    }

    /// Runs the trove under test with `arguments`, its standard error kept in the workspace.
    func trove(_ arguments: [String], output: String = "/dev/null") throws {
        let setup = Spawn.Setup(output: output, error: path("trove-\(arguments[0]).log"))
        _ = try ChildProcess.run([toolbox.trove] + arguments, setup: setup)
    }

    /// `name` in the workspace, made by `body` under a temporary name first unless it is already there.
    private func make(_ name: String, _ body: (String) throws -> Void) throws -> String {
        let final = path(name)
        if FileManager.default.fileExists(atPath: final) { return final }
        let partial = path("partial-" + name)
        try? FileManager.default.removeItem(atPath: partial)
        try body(partial)
        do {
            // A store's write-ahead log (if one was left) moves with it.
            for suffix in ["-wal", "-shm", ""] where FileManager.default.fileExists(atPath: partial + suffix) {
                try FileManager.default.moveItem(atPath: partial + suffix, toPath: final + suffix)
            }
        } catch {
            throw BenchError.failed("cannot name \(final): \(error)")
        }
        return final
    }
}
