import GRDB
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// A review session against a real in-memory store, driven by a scripted terminal (Textual's pilot).
struct ReviewSession {
    let store: Store
    let terminal: ScriptedTerminal
    let runtime: ReviewRuntime<ScriptedTerminal>

    /// An in-memory store holding the dialect fixtures (all six tasks, ReAct and chat), plus `extra` files.
    static func fixtureStore(extra: [String] = []) throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        let names = ["os", "db", "alfworld", "webshop", "kg", "mind2web", "react", "chat"]
        let paths = names.map { Fixtures.url("dialects/\($0).json").path } + extra
        _ = try TrajectoryImporter(store: store).importFiles(paths)
        // Goldens must not depend on where the checkout is (insta-style path masking).
        try store.testSeam.write { db in
            try db.execute(
                sql: "UPDATE trajectory SET source_file = replace(source_file, ?, '')",
                arguments: [Fixtures.repositoryRoot.path + "/"])
        }
        return store
    }

    /// An in-memory store of one short OS trajectory per id, in list order, with `tasks` as task texts
    /// when given.
    static func store(ids: [String], tasks: [String]? = nil) throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        let turns = [
            #"{"from":"human","value":"Do the task."}"#,
            #"{"from":"gpt","value":"Think: look\n\nAct: bash\n\n```bash\nls\n```"}"#,
            #"{"from":"human","value":"The output of the OS:\n\nfile"}"#,
        ]
        let records = ids.enumerated().map { index, id in
            let task = tasks.map { #"{"from":"human","value":"\#($0[index])"}"# } ?? turns[0]
            return #"{"id":"\#(id)","conversations":["# + ([task] + turns.dropFirst()).joined(separator: ",") + "]}\n"
        }
        let directory = TemporaryDirectory()
        let file = directory.write("ids.jsonl", records.joined())
        _ = try TrajectoryImporter(store: store, options: .init(codec: .init(task: "os"))).importFiles([file])
        return store
    }

    /// Runs `events` to their end (or until the session quits) in a terminal of `size`, whose editor
    /// (`e`) makes `editor` of a text.
    @discardableResult
    static func run(
        _ store: Store, size: Size = Size(width: 80, height: 24), events: [TerminalEvent], reviewer: String = "tester",
        blind: Bool = false, editor: @escaping (String) -> String = { $0 }
    ) -> ReviewSession {
        let terminal = ScriptedTerminal(size: size, events: events)
        terminal.editor = editor
        let state = AppState(size: size, reviewer: reviewer, blind: blind, storeName: "fixtures.sqlite")
        let runtime = ReviewRuntime(terminal: terminal, store: store, state: state, counting: .inline)
        do {
            try runtime.run()
        } catch {
            // The script ran out before a quit: the last frame shows the final state.
        }
        return ReviewSession(store: store, terminal: terminal, runtime: runtime)
    }

    var canvas: Canvas { terminal.lastFrame ?? Canvas(size: .zero) }
}

/// Script building: characters type keys, and named keys go in between.
enum Script {
    case keys(String)
    case key(Key)
    case resize(Size)

    static func events(_ parts: Script...) -> [TerminalEvent] {
        parts.flatMap { part -> [TerminalEvent] in
            switch part {
            case .keys(let text): text.map { .key(.char($0)) }
            case .key(let key): [.key(key)]
            case .resize(let size): [.resize(size)]
            }
        }
    }

    /// Opens the trajectory `id` through the filter prompt.
    static func open(_ id: String) -> [TerminalEvent] {
        events(.keys("f"), .keys("id:\(id)"), .key(.enter), .key(.enter))
    }
}
