import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import trajectory files into the store.",
        discussion: """
            Reads JSONL files, JSON arrays (one line or pretty-printed) and streams of JSON objects, also \
            gzip- or zstd-compressed; the layout and the record format are recognized from the content. Chat \
            records with a "conversations", "messages" or "conversation" list of {from, value, loss} or {role, \
            content, weight, tool_calls} messages are understood (AgentInstruct, ShareGPT, AgentGym, ETO, \
            OpenAI/TRL chat, ADP), and so are agent runs: SWE-agent .traj, mini-swe-agent .traj.json, OpenHands \
            event streams and output.jsonl, Inspect .eval archives and .json logs, ATIF, tau-bench, FireAct, \
            SWE-agent datasets (nebius) and WebArena.

            A directory is walked for run files (*.traj, *.traj.json, *.eval, *.json, *.jsonl, also .gz/.zst; \
            not metadata.json, preds.json, config.json, llm_completions/, rejects files or export manifests). \
            A SWE-bench report.json, *.report.json or results.json among the inputs gives rewards (resolved 1, else 0) instead of \
            trajectories: to the records read, and to stored trajectories of its ids whose reward is unknown (a \
            known reward is left alone); --rewards may name one too.

            Each record is stored with its exact bytes. Importing the same file again skips what is already \
            stored; a record whose id is stored with different bytes is reported as a conflict and left alone \
            unless --replace is given. SWE-agent, mini-swe-agent and OpenHands runs take their ids from \
            their file names, so two runs of one instance (by two models, or two attempts) share an id: import \
            each run with its own --id-prefix (claude/django__django-14752) to store both. A malformed record is reported as FILE:LINE: REASON and appended to the \
            rejects file (STORE.rejects.jsonl, e.g. trove.sqlite.rejects.jsonl: one JSON object per line with \
            the import run's id, file, line, reason and record), and the import goes on.

            Exit status: 0 when every record was stored or skipped; 65 when any record was rejected or \
            conflicted, or a compressed file was cut short (the records before the cut are stored); 66 when a \
            file or the store could not be opened; 74 when the store could not be written (a full disk); 130 \
            when Ctrl-C stopped it at the end of a batch. After 74 and 130 what was committed stays, and \
            running the same import again resumes.

            Examples:
              trove import agentinstruct/db.jsonl
              trove import --task os --reward 1 os.json
              cat run.jsonl | trove import --rewards results.csv -
              trove import runs/deepseek/ logs/run_evaluation/deepseek/results.json
              trove import --id-prefix claude/ runs/claude/ && trove import --id-prefix gpt4/ runs/gpt4/
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(
        help: ArgumentHelp(
            "Files or run directories to import; - reads standard input.", valueName: "file|dir"))
    var files: [String]

    @Option(help: ArgumentHelp("The task of every record, instead of the id's prefix (os_12 → os).", valueName: "task"))
    var task: String?

    @Option(
        help: ArgumentHelp(
            "A sidecar file of rewards by id (JSONL with id and reward, or CSV id,reward) for records that "
                + "carry none; repeat it to read several (a later file wins an id two give, with a warning).",
            valueName: "file"))
    var rewards: [String] = []

    @Option(
        help: ArgumentHelp(
            "The environment reward (0...1) of records that carry none and are not in --rewards.", valueName: "x"))
    var reward: Double?

    @Option(
        help: ArgumentHelp(
            "Store every record read under PREFIX followed by its id, to keep runs of the same instances apart "
                + "(the task from the id's prefix and the rewards by id use the record's own id).",
            valueName: "prefix"))
    var idPrefix: String?

    @Flag(help: "Replace stored trajectories whose record differs (their label history is kept).")
    var replace = false

    @Option(
        help: ArgumentHelp(
            "Where rejected records are appended, one JSON object per line (default: beside the store, "
                + "STORE.rejects.jsonl).", valueName: "path"))
    var rejects: String?

    @Flag(name: .shortAndLong, help: "Print only problems, not the summary.")
    var quiet = false

    // Hidden: records per transaction. The crash-safety tests (docs/reliability.md) set it small so that
    // a kill lands between and inside many batches; the default suits real imports.
    @Option(help: .hidden)
    var batchSize = 2000

    func validate() throws {
        if let reward, !(0...1).contains(reward) {
            throw ValidationError("--reward must be between 0 and 1, got \(reward)")
        }
        if idPrefix?.isEmpty == true { throw ValidationError("--id-prefix must be non-empty text") }
        if let idPrefix, !idPrefix.unicodeScalars.allSatisfy(TrajectoryReport.showsAsItself) {
            throw ValidationError(
                "--id-prefix must be non-empty text without control or format characters, got "
                    + TrajectoryReport.visibleOnOneLine(idPrefix))
        }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input (-) can be read only once")
        }
    }

    func run() throws {
        let inputs: ImportInputs
        do {
            inputs = try ImportInputs(files)
        } catch {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        guard !inputs.files.isEmpty || !inputs.reports.isEmpty else {
            // Only directories can expand to nothing: said before a store is created for no data.
            Console.error(
                "trove: no files to import in \(files.map(Console.visible).joined(separator: ", ")) (directories are "
                    + "walked for run files, hidden ones skipped); nothing was imported")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        if let first = inputs.contradictions.first {
            let more = inputs.contradictions.count - 1
            Console.error(
                "trove: warning: SWE-bench reports disagree on \(Plural.counted(inputs.contradictions.count, "id")): "
                    + "\(TrajectoryReport.visibleOnOneLine(first.id)) is resolved in one of "
                    + "\(Console.visible(first.overridden)) and \(Console.visible(first.kept)) and not in the other"
                    + (more > 0 ? " (and \(more) more)" : "") + "; the report named (or walked) later is kept: "
                    + "\(Console.visible(first.kept))")
        }
        // Rewards from SWE-bench reports among the inputs; --rewards wins over them.
        var sidecar = inputs.rewards
        var given: [Int] = []
        var sidecarSource: [String: String] = [:]
        for path in rewards {
            do {
                let table = try RewardTable.load(path: path)
                given.append(table.count)
                Self.warnOverrides(by: path, table, of: sidecar, from: sidecarSource)
                sidecar.merge(table) { _, given in given }
                for id in table.keys { sidecarSource[id] = path }
            } catch let error as RecordReadError {
                Console.error("trove: \(error)")
                throw ExitCode(TroveExitCode.of(error))
            } catch {
                Console.error("trove: \(error)")
                throw ExitCode(TroveExitCode.dataError)
            }
        }
        do {
            try TrajectoryImporter.requireReadable(inputs.files)
        } catch {
            Console.error("trove: \(error); nothing was imported")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        // Read decompressed, before any store is opened: a compressed or piped database is refused with
        // nothing created (standard input's first bytes are handed back to its reader).
        var database: String?
        for path in inputs.files where database == nil {
            do {
                if try RecordReader.startsWithDatabase(path) { database = path }
            } catch {
                Console.error("trove: \(error); nothing was imported")
                throw ExitCode(TroveExitCode.of(error))
            }
        }
        if let database {
            Console.error(
                "trove: \(Console.visible(database)) is an SQLite database (a trove store?), not trajectory data; "
                    + "nothing was imported (trove copy copies a store, and trove review opens one)")
            throw ExitCode(TroveExitCode.usage)
        }
        // The default file too: importing `STORE.rejects.jsonl` would append to what the import reads.
        try Console.reportingWriteFailures {
            try requireRejectsFile(rejects ?? storeOptions.rejectsPath, inputs: inputs)
        }
        ImportInterruption.install()
        if storeOptions.isPostgres {
            try importIntoPostgres(inputs, rewards: sidecar, given: given)
            return
        }
        let store = try storeOptions.openForWriting(createIfMissing: true)
        let rejectsPath = rejects ?? storeOptions.rejectsPath
        let rejectLog = RejectLog(path: rejectsPath)
        let progress = StatusLine(enabled: Console.stderrIsTerminal && !quiet)
        let started = Date()
        let options = TrajectoryImporter.Options(
            codec: .init(task: task, rewards: sidecar, defaultReward: reward, idPrefix: idPrefix ?? ""),
            replace: replace,
            batchSize: batchSize,
            onRunStarted: { rejectLog.runID = $0 },
            onReject: { error, record in rejectLog.record(error, record) },
            onProgress: { update in progress.draw { progressText(update, since: started) } },
            isInterrupted: { ImportInterruption.isRequested })
        let summary: ImportSummary
        let storedBefore = try store.trajectoryCount()
        do {
            summary = try TrajectoryImporter(store: store, options: options).importFiles(inputs.files)
        } catch let error as RecordReadError {
            progress.clear()
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.of(error))
        } catch  where StorageFailure.isIOError(error) {
            progress.clear()
            rejectLog.close()
            let stored = (try? store.trajectoryCount()).map { String($0 - storedBefore) } ?? "the committed"
            Console.error(
                "trove: the store could not be written (disk full or I/O error): \(error)\n"
                    + "\(stored) records of this run are stored, in whole batches; free space and run the same "
                    + "import again to resume (stored records are skipped)")
            throw ExitCode(TroveExitCode.ioError)
        }
        progress.clear()
        rejectLog.close()
        try Self.stopIfInterrupted(summary)
        let storedRewards = Self.storedRewards(given: sidecar, idPrefix: idPrefix ?? "", summary: summary)
        let fill = try TrajectoryImporter(store: store, options: options).fillStoredRewards(storedRewards)
        let counts = RewardCounts(fill: fill, ids: sidecar.count, offered: storedRewards.count, fromFiles: given)
        try report(summary, rewards: counts, inputs: inputs, rejectLog: rejectLog, started: started) {
            "\(storeOptions.path) (\(Plural.trajectories(try store.trajectoryCount())))"
        }
    }

    /// Refuses a `--rejects` path rejects must not be appended to: the store or a file SQLite keeps
    /// beside it, any other SQLite database, an input, a directory or a symlink (as outputs are refused),
    /// and a file that cannot be created or appended to (its directory missing or not writable: 73), so
    /// that no import runs whose rejects would be lost. Nothing is created.
    private func requireRejectsFile(_ path: String, inputs: ImportInputs) throws(OutputError) {
        let target = try OutputTarget.resolve(path)
        let reserved = storeOptions.reservedFiles.filter { $0.path != storeOptions.rejectsPath }
        try FileIdentity.refuseOverlap(outputs: [target], inputs: inputs.files, reserved: reserved)
        // An existing file the user may not write is refused by `resolve`; a new one needs its directory.
        guard case .file = target, access(path, F_OK) != 0 else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory.isEmpty ? "." : directory, W_OK | X_OK) != 0 {
            throw OutputError(path: path, kind: .cannotCreate, reason: String(cString: strerror(errno)))
        }
    }

    /// Warns when the `--rewards` file at `path` gives ids another reward than a SWE-bench report or an
    /// earlier `--rewards` file (`source` names the file each id's earlier reward came from; a report when
    /// absent), since the file wins without a word otherwise.
    private static func warnOverrides(
        by path: String, _ table: [String: Double], of earlier: [String: Double], from source: [String: String]
    ) {
        let overridden = table.keys.filter { id in earlier[id].map { $0 != table[id] } ?? false }.sorted()
        let files = Dictionary(grouping: overridden) { source[$0] }
        for (file, ids) in files.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            let against = file.map { "\(Console.visible($0)) (an earlier --rewards)" } ?? "the SWE-bench reports named"
            Console.error(
                "trove: warning: \(Console.visible(path)) gives \(Plural.counted(ids.count, "id")) "
                    + "another reward than \(against) (first: \(TrajectoryReport.visibleOnOneLine(ids[0]))); "
                    + (file == nil ? "--rewards wins over them" : "the later file wins"))
        }
    }

    /// The rewards for stored trajectories, by stored id (`idPrefix` before each record id given): the
    /// reports' and `--rewards`' (which wins), each the value importing their records would give them. An
    /// id whose record in this run conflicted with the stored one is left out: the reward scored the run
    /// read, not the different run the store holds.
    static func storedRewards(
        given sidecar: [String: Double], idPrefix: String, summary: ImportSummary
    ) -> [String: Double] {
        let conflicted = Set(summary.conflicts.map(\.id))
        var stored: [String: Double] = [:]
        for (id, reward) in sidecar where !conflicted.contains(idPrefix + id) { stored[idPrefix + id] = reward }
        return stored
    }

    /// Imports into a PostgreSQL store: the same inputs, rejects, summary and exit statuses as into
    /// SQLite; rejects go to `--rejects`, else `trove.rejects.jsonl` in the current directory.
    private func importIntoPostgres(_ inputs: ImportInputs, rewards: [String: Double], given: [Int]) throws {
        let store = try storeOptions.openPostgres(createIfMissing: true)
        let rejectsPath = rejects ?? storeOptions.rejectsPath
        let rejectLog = RejectLog(path: rejectsPath)
        let progress = StatusLine(enabled: Console.stderrIsTerminal && !quiet)
        let started = Date()
        let options = PostgresImporter.Options(
            codec: .init(task: task, rewards: rewards, defaultReward: reward, idPrefix: idPrefix ?? ""),
            replace: replace,
            batchSize: batchSize, archives: .evalLogs, onRunStarted: { rejectLog.runID = $0 },
            onReject: { error, record in rejectLog.record(error, record) },
            onProgress: { update in progress.draw { progressText(update, since: started) } },
            isInterrupted: { ImportInterruption.isRequested })
        let summary: ImportSummary
        do {
            summary = try PostgresImporter(store: store, options: options).importFiles(inputs.files)
        } catch let error as RecordReadError {
            progress.clear()
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.of(error))
        } catch let error as PostgresError where error.isWriteDenied {
            progress.clear()
            rejectLog.close()
            Console.error(StoreOptions.writeDeniedMessage(error))
            throw ExitCode(TroveExitCode.cannotOpen)
        } catch {
            progress.clear()
            rejectLog.close()
            Console.error(
                "trove: the store could not be written: \(error)\n"
                    + "the records of this run stored so far are stored in whole batches; run the same import again "
                    + "to resume (stored records are skipped)")
            throw ExitCode(TroveExitCode.ioError)
        }
        progress.clear()
        rejectLog.close()
        try Self.stopIfInterrupted(summary)
        let storedRewards = Self.storedRewards(given: rewards, idPrefix: idPrefix ?? "", summary: summary)
        let fill = try PostgresImporter(store: store, options: options).fillStoredRewards(storedRewards)
        let counts = RewardCounts(fill: fill, ids: rewards.count, offered: storedRewards.count, fromFiles: given)
        try report(summary, rewards: counts, inputs: inputs, rejectLog: rejectLog, started: started) {
            let count = try store.connection.execute("SELECT count(*) FROM trajectory").integer(0, 0) ?? 0
            return "\(store.name) (\(Plural.trajectories(Int(count))))"
        }
    }

    /// Says what an import stopped by Ctrl-C committed and how to resume it, and exits 130; nothing for
    /// an import that ran to its end.
    static func stopIfInterrupted(_ summary: ImportSummary) throws {
        guard summary.interrupted else { return }
        Console.error(
            "trove: interrupted: stopped at the end of a batch; \(Plural.counted(summary.added + summary.replaced, "record")) "
                + "of this run committed (\(summary.added) added, \(summary.replaced) replaced; \(summary.skipped) "
                + "skipped as already stored, \(summary.conflicts.count) conflicts, \(summary.rejectedCount) rejected); "
                + "running the same command again resumes (stored records are skipped)")
        throw ExitCode(TroveExitCode.interrupted)
    }

    /// Prints the first 20 conflicts, each as `FILE:LINE: id … is already stored with different content`,
    /// with a hint to `--id-prefix` when the record's own id (without `idPrefix`) is its file's name: likely
    /// another run of the same instance.
    static func reportConflicts(_ summary: ImportSummary, idPrefix: String = "") {
        for conflict in summary.conflicts.prefix(20) {
            let ownID = conflict.id.hasPrefix(idPrefix) ? String(conflict.id.dropFirst(idPrefix.count)) : conflict.id
            let hint =
                TrajectoryCodec.isNamedAfterFile(ownID, file: conflict.location.file)
                ? "; another run of the same instance? import each run with --id-prefix NAME/" : ""
            Console.error(
                "\(conflict.location): id \(Console.visible(conflict.id)) is already stored with different content "
                    + "(left alone; --replace to replace it\(hint))")
        }
        if summary.conflicts.count > 20 { Console.error("… and \(summary.conflicts.count - 20) more conflicts") }
    }

    /// Prints conflicts and the summary, and exits 65 when a record was rejected or conflicted.
    private func report(
        _ summary: ImportSummary, rewards counts: RewardCounts, inputs: ImportInputs, rejectLog: RejectLog,
        started: Date,
        store: () throws -> String
    ) throws {
        Self.reportConflicts(summary, idPrefix: idPrefix ?? "")
        for truncation in summary.truncated { Console.error("trove: \(truncation)") }
        for file in summary.notJSON { Console.error("trove: \(file); nothing was imported from it") }
        for path in summary.emptyFiles {
            Console.error(
                "trove: warning: \(Self.named(path)) holds no "
                    + (RecordArchiveOpener.evalLogs.isArchive(path)
                        ? "samples (an Inspect log without samples/ entries)"
                        : "records (it is empty or only white space)"))
        }
        let seconds = Date().timeIntervalSince(started)
        if !quiet {
            let megabytes = Double(summary.bytes) / 1_000_000
            Console.output(
                """
                \(Plural.counted(summary.read, "record")) read from \(Plural.counted(inputs.files.count, "file")) \
                (\(String(format: "%.1f", megabytes)) MB in \(String(format: "%.2f", seconds)) s, \
                \(String(format: "%.1f", seconds > 0 ? megabytes / seconds : 0)) MB/s)
                  added      \(summary.added)
                  skipped    \(summary.skipped) (already stored, identical)
                  replaced   \(summary.replaced)\(Self.filled(summary))\(Self.chat(summary))
                  conflicts  \(summary.conflicts.count)
                  rejected   \(summary.rejectedCount)\(summary.rejectedCount > 0 ? " (\(rejectLog.whereWritten))" : "")\(Self.truncated(summary))
                \(rewardLines(inputs, counts))store: \(try store())

                """)
        }
        if let warning = Self.badEncodingWarning(summary) { Console.error(warning) }
        // A rewards file is the curator's own: an id in it that matches nothing is likely a typo, and a
        // reward it could not give is worth knowing (a report's ids often cover runs not imported).
        let fill = counts.fill
        if summary.rewardsKept > 0, let reward {
            Console.error(
                "trove: warning: \(Plural.counted(summary.rewardsKept, "stored trajectory", plural: "stored trajectories")) kept an environment reward "
                    + "other than --reward's \(RewardText.text(reward, minimumPlaces: 0)) (a stored reward is never "
                    + "overwritten, --replace included; trove label ID --reward X overrides it)")
        }
        if !rewards.isEmpty {
            let file = rewards.map(Console.visible).joined(separator: ", ")
            if fill.unmatched > 0 {
                Console.error(
                    "trove: warning: no stored trajectory has the id of \(Plural.counted(fill.unmatched, "reward")) "
                        + "in \(file)\(inputs.reports.isEmpty ? "" : " or the SWE-bench reports")\(Self.sample(fill))")
            }
            if fill.leftAlone > 0 {
                Console.error(
                    "trove: warning: \(Plural.counted(fill.leftAlone, "stored trajectory", plural: "stored trajectories")) kept an environment reward "
                        + "other than \(rewards.count > 1 ? "the files'" : "\(file)'s") (a stored reward is never overwritten; trove label ID --reward X "
                        + "overrides it)")
            }
        }
        if let failure = rejectLog.failure {
            Console.error(
                "trove: the rejects could not be written to \(Console.visible(rejectLog.path)): \(failure); "
                    + "\(Plural.counted(summary.rejectedCount, "rejected record")) are not in it (they were named above)"
            )
            throw ExitCode(TroveExitCode.ioError)
        }
        if !summary.isClean { throw ExitCode(TroveExitCode.dataError) }
    }

    /// The rewards line and what became of each id given, when SWE-bench reports or `--rewards` were read;
    /// else nothing. The counts add up to the ids given.
    private func rewardLines(_ inputs: ImportInputs, _ counts: RewardCounts) -> String {
        var sources = zip(counts.fromFiles, rewards).map { "\($0) from \(Console.visible($1))" }
        if !inputs.reports.isEmpty {
            sources.append(
                "\(inputs.rewards.count) from \(Plural.counted(inputs.reports.count, "SWE-bench report"))")
        }
        guard !sources.isEmpty else { return "" }
        let fill = counts.fill
        let conflicted =
            counts.conflicted > 0
            ? "    conflicted         \(counts.conflicted) (ids whose record conflicted with the stored one: not given)\n"
            : ""
        return """
              rewards    \(sources.joined(separator: ", "))
                held already       \(counts.held) (stored with that reward: records read in this run, or before)
                applied to stored  \(fill.applied) (trajectories whose reward was unknown)
                left alone         \(fill.leftAlone) (stored with another reward)
                unmatched          \(fill.unmatched) (ids no stored trajectory has\(Self.sample(fill)))
            \(conflicted)
            """
    }

    /// `: a, b, c, …` naming the first unmatched ids; nothing when every id matched.
    static func sample(_ fill: StoredRewardFill) -> String {
        guard !fill.unmatchedIDs.isEmpty else { return "" }
        return ": " + fill.unmatchedIDs.map(Console.visible).joined(separator: ", ")
            + (fill.unmatched > fill.unmatchedIDs.count ? ", …" : "")
    }

    /// `, rewards set N, tasks set N` when identical records were filled in, else nothing.
    static func filled(_ summary: ImportSummary) -> String {
        guard summary.rewardsSet + summary.tasksSet > 0 else { return "" }
        return "\n  filled     rewards set \(summary.rewardsSet), tasks set \(summary.tasksSet) "
            + "(identical records whose reward or task was unknown)"
    }

    /// `truncated  N files (…)` when a compressed input was cut short, else nothing.
    static func truncated(_ summary: ImportSummary) -> String {
        guard !summary.truncated.isEmpty else { return "" }
        return "\n  truncated  \(Plural.counted(summary.truncated.count, "file")) (cut short: the records read whole "
            + "before the cut are imported)"
    }

    /// How a warning names an input: its path made visible, standard input in words.
    static func named(_ path: String) -> String {
        path == "-" ? "standard input" : Console.visible(path)
    }

    /// `N chat records (use them with trove mix --general)` when plain chat was stored, else nothing.
    static func chat(_ summary: ImportSummary) -> String {
        guard summary.chat > 0 else { return "" }
        return "\n  \(Plural.counted(summary.chat, "chat record")) (use them with trove mix --general)"
    }

    /// A warning for records stored with U+FFFD in their text; nil when none.
    static func badEncodingWarning(_ summary: ImportSummary) -> String? {
        guard summary.badEncoding > 0 else { return nil }
        return "trove: warning: \(Plural.counted(summary.badEncoding, "record")) stored with U+FFFD in the text "
            + "(the replacement character: invalid UTF-8, an escaped NUL or a lone surrogate in the input reads as "
            + "U+FFFD, and a source may hold it where an earlier tool lost characters; the bytes are kept as they "
            + "were); flag:bad-encoding selects \(summary.badEncoding == 1 ? "it" : "them")"
    }
}

/// What became of the rewards an import was given (SWE-bench reports, `--rewards`), id by id: every id
/// is held already, applied, left alone or unmatched (``StoredRewardFill``), or conflicted.
struct RewardCounts {
    /// What giving them to stored trajectories did.
    var fill: StoredRewardFill
    /// The ids given rewards, over every source.
    var ids: Int
    /// The ids offered to stored trajectories: all but those whose record conflicted in this run.
    var offered: Int
    /// The rewards each `--rewards` file gave, in order.
    var fromFiles: [Int]

    /// Ids whose stored trajectory has the reward given already: a record read in this run took it,
    /// or an earlier import gave it.
    var held: Int { offered - fill.applied - fill.leftAlone - fill.unmatched }
    /// Ids whose record in this run conflicted with the stored one, not given.
    var conflicted: Int { ids - offered }
}

/// Prints rejected records as `file:line: reason` (the first 20) and appends
/// every one to the rejects file (created on the first reject), each line
/// naming the import run and the source file, the record's bytes as they were
/// read (invalid UTF-8 included). A file that cannot be opened or written is
/// said once and kept in ``failure``; the import goes on.
final class RejectLog {
    let path: String
    private var descriptor: Int32?
    private var count = 0
    /// The import run the rejects belong to (`import_run.id`).
    var runID: Int64 = 0
    /// Why rejects could not be written to the file, when one could not: the command then exits 74.
    private(set) var failure: String?

    init(path: String) {
        self.path = path
    }

    deinit {
        close()
    }

    func record(_ error: RecordRejection, _ record: RawRecord) {
        count += 1
        if count <= 20 { Console.error(error.description) }
        if count == 21 { Console.error("… more rejects in \(Console.visible(path))") }
        if descriptor == nil {
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o666)
            descriptor = fd
            guard fd >= 0 else { return fail() }
        }
        guard let descriptor, descriptor >= 0, failure == nil else { return }
        var line: [UInt8] = []
        JSONWriter.write(
            .object([
                "run": .integer(Int(runID)), "file": .string(error.location.file),
                "line": .integer(error.location.line), "reason": .string(error.reason),
            ]), into: &line)
        // The record goes in as its bytes, escaped as a string but not decoded: invalid UTF-8 stays as read.
        line.removeLast()
        line.append(contentsOf: #", "record": ""#.utf8)
        record.bytes.withUnsafeBufferPointer { JSONWriter.writeEscaped($0, into: &line) }
        line.append(contentsOf: "\"}\n".utf8)
        let failed = Console.write(line, to: descriptor)
        if failed != 0 { fail(failed) }
    }

    /// Keeps the reason of `code` (an errno) as ``failure`` and says it, once.
    private func fail(_ code: Int32 = errno) {
        let reason = String(cString: strerror(code))
        failure = reason
        Console.error("trove: \(Console.visible(path)): cannot write rejects: \(reason)")
    }

    /// What the summary says where the rejects went: `see PATH`, or that they could not be written there.
    var whereWritten: String {
        failure.map { "they could not be written to \(Console.visible(path)): \($0)" } ?? "see \(Console.visible(path))"
    }

    func close() {
        if let descriptor, descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = nil
    }
}

/// The `records, MB/s, ETA` text of an import's ``StatusLine``.
private func progressText(_ progress: ImportProgress, since start: Date) -> String {
    let elapsed = max(0.001, Date().timeIntervalSince(start))
    let rate = Double(progress.bytes) / elapsed
    var line =
        "\(Console.visible(progress.file)): \(Plural.counted(progress.records, "record")), \(String(format: "%.1f", rate / 1_000_000)) MB/s"
    if let total = progress.totalBytes, total > 0, rate > 0 {
        let percent = Int(Double(progress.bytes) / Double(total) * 100)
        let eta = Double(total - progress.bytes) / rate
        line += ", \(percent)%, ETA \(Int(eta.rounded())) s"
    }
    return line
}
