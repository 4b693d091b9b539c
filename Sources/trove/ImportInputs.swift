import Foundation
import TroveCore

/// What `trove import` reads: the files named, and the run files inside the
/// directories named; SWE-bench reports among them give rewards instead of
/// trajectories.
struct ImportInputs {
    /// The report each reward in ``rewards`` came from.
    private var source: [String: String] = [:]
    /// Files to import, in order: as named, then each directory's in path order.
    var files: [String] = []
    /// Rewards by id from the SWE-bench reports found (`report.json`, `*.report.json`, `results.json`).
    var rewards: [String: Double] = [:]
    /// The reports the rewards came from.
    var reports: [String] = []
    /// The ids two reports give different rewards, with the report whose reward was kept (the later one
    /// named, or walked) and the one it overrode, in the order met.
    var contradictions: [(id: String, kept: String, overridden: String)] = []

    /// File names a directory walk imports: agent-run files by their harness's names, and JSON and JSONL
    /// files, each also compressed.
    static let runSuffixes = [".traj", ".traj.json", ".eval", ".json", ".jsonl"]
    static let compressedSuffixes = ["", ".gz", ".zst"]
    /// Files next to runs that are not runs: harness configuration and bookkeeping.
    static let skippedNames: Set<String> = [
        "metadata.json", "preds.json", "config.json", "args.json", "header.json", "summaries.json", "reductions.json",
    ]
    /// trove's own files that a walk must not read back: a store's rejects (read while the import appends
    /// to it) and export manifests.
    static let skippedSuffixes = [".rejects.jsonl", ".manifest.json"]
    /// Directories a walk does not enter: OpenHands' raw LLM calls, Inspect's journal.
    static let skippedDirectories: Set<String> = ["llm_completions", "_journal"]

    /// Expands `arguments`: a directory is walked (sorted, hidden entries skipped); a SWE-bench report is
    /// read for its rewards.
    ///
    /// - throws: ``RecordReadError`` when a report cannot be read.
    init(_ arguments: [String]) throws {
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                for path in Self.walk(argument) { try add(path) }
            } else {
                try add(argument)
            }
        }
    }

    private mutating func add(_ path: String) throws {
        let name = (path as NSString).lastPathComponent
        if name.hasSuffix("report.json") || name.hasSuffix("results.json"),
            let found = try SWEBenchReport.load(path: path)
        {
            for (id, reward) in found.sorted(by: { $0.key < $1.key }) {
                if let earlier = rewards[id], earlier != reward, let from = source[id] {
                    contradictions.append((id, path, from))
                }
                rewards[id] = reward
                source[id] = path
            }
            reports.append(path)
        } else {
            files.append(path)
        }
    }

    /// The run files under `directory`, in path order.
    static func walk(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/").map(String.init)
            let name = components.last ?? relative
            if name.hasPrefix(".") || skippedDirectories.contains(name) {
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                    enumerator.skipDescendants()
                }
                continue
            }
            guard (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular,
                !skippedNames.contains(name), !skippedSuffixes.contains(where: name.hasSuffix),
                runSuffixes.contains(where: { suffix in compressedSuffixes.contains { name.hasSuffix(suffix + $0) } })
            else { continue }
            paths.append((directory as NSString).appendingPathComponent(relative))
        }
        return paths.sorted()
    }
}
