import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore
import TroveTerminal
import TroveUI

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review trajectories in the terminal: read them step by step, accept, reject, reward, tag.",
        discussion: """
            Opens a store, or imports JSONL/JSON files into a store beside the first one (FILE.trove.sqlite; \
            the current directory when that one is not writable) and opens it. Reopening a store puts you back \
            where you left off: the same trajectory, filter and sort, kept per reviewer.

            Every label is committed to the store before the screen shows it, with the reviewer and the time. \
            Keys follow Prodigy: a accept, x reject, Space skip, Backspace undo, Ctrl-r redo, r reward, \
            t tags, c note; ? lists every key.

            Examples:
              trove review
              trove review --store runs.sqlite --reviewer ana --blind
              trove review --where 'flag:answer-without-action status:pending'
              trove review agentinstruct/db.jsonl --tags wrong-answer,truncated
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(
        help: ArgumentHelp(
            "A store to open, or trajectory files to import first (default: the --store store).",
            valueName: "store-or-file"))
    var inputs: [String] = []

    @OptionGroup var reviewerOptions: ReviewerOptions

    @Flag(
        inversion: .prefixedNo,
        help: """
            Hide the environment's reward, the source model and other reviewers' labels, so they cannot bias \
            the review (default: on for a reviewer with assignments, off otherwise).
            """)
    var blind: Bool?

    @Option(
        name: .customLong("where"),
        help: SelectionArguments.whereHelp(
            "Open the list on the trajectories matching this filter (docs/filter.md), at its first row, instead "
                + "of where you left off or your queue."))
    var filter: String?

    @Option(
        help: ArgumentHelp(
            "The tags the t key offers, comma-separated (default: \(AppState.defaultTags.joined(separator: ","))).",
            valueName: "a,b,c"))
    var tags: String?

    var tagSet: [String] {
        tags.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            ?? AppState.defaultTags
    }

    func validate() throws {
        do {
            try LabelChange(addTags: tagSet).validate()
        } catch {
            throw ValidationError("--tags: \(error)")
        }
        _ = try SelectionArguments.filter(filter)
        if inputs.count > 1, inputs.contains(where: Self.isStore) {
            throw ValidationError("give one store, or data files to import, not both")
        }
        if let store = inputs.first(where: Self.isStore) {
            try StoreOptions.requireSchema(storeOptions.schema, fits: store)
        }
    }

    func run() throws {
        let files = inputs.filter { !Self.isStore($0) }
        do {
            try TrajectoryImporter.requireReadable(files)
        } catch {
            Console.error("trove review: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        let who = try reviewerOptions.resolved()
        let path = try storePath()
        if PostgresStore.isURL(path) {
            guard files.isEmpty else {
                Console.error(
                    "trove review: import files into a PostgreSQL store with `trove import` first; nothing was done")
                throw ExitCode(TroveExitCode.usage)
            }
            try reviewPostgres(url: path, reviewer: who)
            return
        }
        // Without files nothing is created: a missing or empty store is said before the terminal is
        // needed, so a script learns it too. With files, the terminal is checked before the store is made.
        if files.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else {
                Console.error("trove review: no store at \(path); nothing was created.\n\(howToImport(into: path))")
                throw ExitCode(TroveExitCode.cannotOpen)
            }
        } else {
            try requireTerminal()
        }
        let store: Store
        do {
            store = try Store.open(path: path, createIfMissing: !files.isEmpty)
        } catch {
            Console.error("trove: cannot open store \(path): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        if files.isEmpty {
            guard try store.trajectoryCount() > 0 else {
                Console.error("trove review: the store \(path) holds no trajectories.\n\(howToImport(into: path))")
                throw ExitCode(TroveExitCode.notFound)
            }
        }
        let troubles = files.isEmpty ? nil : try importFiles(files, into: store, path: path)
        // Before the terminal: a filter the session cannot use is said to a script too.
        let isBlind = try blind ?? store.queueProgress(of: who).hasAssignments
        let opening = try opening(for: who, blind: isBlind, in: store)
        try requireTerminal()
        if !store.isReadOnly, filter == nil { try openQueue(of: who, in: store) }
        var state = AppState(
            size: .zero, reviewer: who, blind: isBlind, tagSet: tagSet,
            storeName: URL(fileURLWithPath: path).lastPathComponent, readOnly: store.isReadOnly)
        if let troubles { state.message = .error(troubles + " while importing (listed when you quit)") }
        let runtime = ReviewRuntime(terminal: CursesTerminal(), store: store, state: state, opening: opening)
        do {
            try runtime.run()
        } catch {
            Console.error("trove review: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        // The screen hid what the import printed: say it again, and exit as `trove import` would.
        if let troubles {
            Console.error(
                "trove review: \(troubles) while importing \(files.map(Console.visible).joined(separator: ", "))")
            throw ExitCode(TroveExitCode.dataError)
        }
    }

    /// `--where`'s opening: its filter with `reviewer`'s saved sort, at the first row; nil without it. A
    /// filter a blind reviewer may not use (`status:`, `reward`, another's `queue:`) exits 64 here: the
    /// session would drop it and open on everything.
    private func opening(for reviewer: String, blind: Bool, in store: any TrajectorySource) throws
        -> ReviewSessionState?
    {
        guard let filter else { return nil }
        do {
            _ = try Filter.parse(filter, blindReviewer: blind ? reviewer : nil)
        } catch {
            Console.error(
                "trove review: bad --where filter for a blind review (--no-blind shows everything):\n\(error)")
            throw ExitCode(TroveExitCode.usage)
        }
        return ReviewSessionState(
            trajectoryID: nil, filter: try SelectionArguments.filter(filter).source,
            sort: try store.reviewState(for: reviewer)?.sort ?? ListSort())
    }

    /// Makes the session open on `reviewer`'s queue (`queue:NAME`) when they have one, keeping their
    /// sort; the list then starts at its first row. Without a queue, the session opens where they left.
    private func openQueue(of reviewer: String, in store: any TrajectorySource & LabelSink) throws {
        let queue = try Filter.parse("\(FilterField.queue.rawValue):\(FilterValue.string(reviewer))")
        guard try !store.rows(matching: queue, sortedBy: ListSort(), after: nil, limit: 1).isEmpty else { return }
        let saved = try store.reviewState(for: reviewer)
        try store.saveReviewState(
            ReviewSessionState(trajectoryID: nil, filter: queue.description, sort: saved?.sort ?? ListSort()),
            for: reviewer)
    }

    /// Reviews the store on a PostgreSQL server: other reviewers' labels arrive through its change feed.
    private func reviewPostgres(url: String, reviewer who: String) throws {
        let store: PostgresStore
        do {
            store = try PostgresStore(url: url, schema: storeOptions.schema)
        } catch {
            Console.error(
                "trove: cannot open store \(Console.visible(PostgresConnection.withoutPassword(url))): \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        guard try !store.rows(matching: Filter.parse(""), sortedBy: ListSort(), after: nil, limit: 1).isEmpty else {
            Console.error("trove review: the store \(store.name) holds no trajectories.\n\(howToImport(into: url))")
            throw ExitCode(TroveExitCode.notFound)
        }
        let isBlind = try blind ?? store.queueProgress(of: who).hasAssignments
        let opening = try opening(for: who, blind: isBlind, in: store)
        try requireTerminal()
        if filter == nil { try openQueue(of: who, in: store) }
        let state = AppState(
            size: .zero, reviewer: who, blind: isBlind, tagSet: tagSet, storeName: store.name, readOnly: false)
        let runtime = ReviewRuntime(
            terminal: CursesTerminal(), store: store, state: state, changes: try? store.changeFeed(), opening: opening)
        do {
            try runtime.run()
        } catch {
            Console.error("trove review: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
    }

    private func requireTerminal() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            Console.error("trove review: needs a terminal; standard input and output must be a TTY")
            throw ExitCode(TroveExitCode.usage)
        }
    }

    /// The two ways to get trajectories to review, for a store at `path` that has none.
    private func howToImport(into path: String) -> String {
        let store = path == storeOptions.path && storeOptions.store == nil ? "" : " --store \(path)"
        let schema = PostgresStore.isURL(path) ? storeOptions.schema.map { " --schema \($0)" } ?? "" : ""
        return """
            Import trajectories first, then review them:
              trove import FILE…\(store)\(schema)
            or import and review in one step (into FILE.trove.sqlite beside the first file):
              trove review FILE…
            """
    }

    /// The store to open: the one given, else `--store`, else one beside the first data file.
    private func storePath() throws -> String {
        if let store = inputs.first(where: Self.isStore) { return store }
        guard let first = inputs.first else { return storeOptions.path }
        if let store = storeOptions.store { return store }
        let url = URL(fileURLWithPath: first)
        let name = url.deletingPathExtension().lastPathComponent + ".trove.sqlite"
        let beside = url.deletingLastPathComponent().appendingPathComponent(name).path
        if !Store.isWriteProtected(directoryOf: beside) { return beside }
        Console.error("trove review: \(url.deletingLastPathComponent().path) is write-protected; using ./\(name)")
        return name
    }

    /// Imports `files` as `trove import` does: each rejected record printed as `FILE:LINE: reason` and
    /// appended to the store's rejects file, each conflict named. Returns what went wrong (`2 records
    /// rejected (see PATH)`), or nil when every record was stored or skipped.
    private func importFiles(_ files: [String], into store: Store, path: String) throws -> String? {
        Console.error("importing \(files.map(Console.visible).joined(separator: ", ")) into \(Console.visible(path))…")
        let rejectsPath = path + ".rejects.jsonl"
        let rejectLog = RejectLog(path: rejectsPath)
        let options = TrajectoryImporter.Options(
            onRunStarted: { rejectLog.runID = $0 }, onReject: { error, record in rejectLog.record(error, record) })
        let summary: ImportSummary
        do {
            summary = try TrajectoryImporter(store: store, options: options).importFiles(files)
        } catch {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.cannotOpen)
        }
        rejectLog.close()
        ImportCommand.reportConflicts(summary)
        Console.error(
            "\(summary.added) added, \(summary.skipped) already stored, \(summary.rejectedCount) rejected, "
                + "\(summary.conflicts.count) conflicts")
        for truncation in summary.truncated + summary.notJSON { Console.error("trove: \(truncation)") }
        var troubles: [String] = []
        if summary.rejectedCount > 0 {
            troubles.append("\(Plural.counted(summary.rejectedCount, "record")) rejected (\(rejectLog.whereWritten))")
        }
        if !summary.conflicts.isEmpty {
            troubles.append(
                "\(Plural.counted(summary.conflicts.count, "conflict")) with stored records (trove import --replace "
                    + "replaces them)")
        }
        return troubles.isEmpty ? nil : troubles.joined(separator: ", ")
    }

    /// Whether `path` is a SQLite file (by its header), as opposed to trajectory data.
    static func isStore(_ path: String) -> Bool {
        guard FileManager.default.isReadableFile(atPath: path) else { return path.hasSuffix(".sqlite") }
        return SQLiteHeader.isDatabase(path)
    }
}
