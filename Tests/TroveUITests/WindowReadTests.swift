import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// What the list reads from the store as the cursor moves (issue 14: every key within 30 ms at a million
/// trajectories over PostgreSQL): a scroll past the loaded rows reads only the rows the window lacks,
/// and `g` and `G` one page, each giving the window a whole read gives.
@Suite struct WindowReadTests {
    private let size = Size(width: 80, height: 24)

    private func session(_ count: Int) throws -> (
        BackgroundCountingTests.GatedCountStore, ReviewRuntime<ScriptedTerminal>
    ) {
        let source = BackgroundCountingTests.GatedCountStore(try BackgroundCountingTests.store(count), open: true)
        let runtime = ReviewRuntime(
            terminal: ScriptedTerminal(size: size, events: []), store: source,
            state: AppState(size: size, reviewer: "me"), counting: .inline)
        runtime.dispatch(.started(nil))
        return (source, runtime)
    }

    /// The window the loader reads whole around the cursor, as before windows were moved.
    private func wholeWindow(_ runtime: ReviewRuntime<ScriptedTerminal>, in store: Store) throws -> RowWindow {
        let state = runtime.state
        let row = try #require(state.currentRow)
        return try RowWindowLoader(source: store).window(
            for: state.windowRequest(.row(id: row.id), knownPosition: state.list.cursor))
    }

    @Test func aScrollReadsOnlyTheRowsTheWindowLacks() throws {
        let (source, runtime) = try session(400)
        let radius = runtime.state.windowRadius
        var moves = 0
        for key in Array(repeating: "j", count: 250) + Array(repeating: "k", count: 200) {
            let (reads, rows) = (source.pageReads, source.rowsRead)
            runtime.handle(.key(.char(Character(key))))
            guard source.pageReads > reads else { continue }
            moves += 1
            #expect(source.pageReads - reads == 1)
            #expect(source.rowsRead - rows < radius, "a move read \(source.rowsRead - rows) rows")
            #expect(runtime.state.list.window == (try wholeWindow(runtime, in: source.store)))
        }
        #expect(moves >= 8)
        #expect(runtime.state.currentRow?.id == "t50")
    }

    @Test func aListSearchForPunctuationOnlySaysTheListIsSearchedByWords() throws {
        let store = try ReviewSession.store(ids: ["a1", "a2"])
        let request = AppState(size: size, reviewer: "me").windowRequest(.hit(search: "--", from: nil, forward: true))
        let window = try RowWindowLoader(source: store).window(for: request)
        #expect(window.message?.text.hasPrefix("“--” has no letter or digit") == true)
    }

    /// QA: `:` right after an import landed on the row before the one asked for. The window's rows are
    /// read in two parts, and rows the import adds between them (newest first, at the top) came first
    /// in the second part, where the cursor went; the id was then also said to be filtered out.
    @Test func goToLandsOnTheAskedRowWhenAnImportAddsRowsBetweenItsReads() throws {
        let store = try BackgroundCountingTests.store(3)
        let source = BackgroundCountingTests.GatedCountStore(store, open: true)
        var state = AppState(size: size, reviewer: "me")
        state.sort = ListSort(column: .order, descending: true)
        let runtime = ReviewRuntime(
            terminal: ScriptedTerminal(size: size, events: []), store: source, state: state, counting: .inline)
        runtime.dispatch(.started(nil))
        runtime.handle(.key(.char("G")))
        #expect(runtime.state.currentRow?.id == "t0")
        let directory = TemporaryDirectory()
        let record =
            #"{"id":"new1","conversations":[{"from":"human","value":"Do it."},"#
            + #"{"from":"gpt","value":"Think: ok\n\nAct: answer(done)"}]}"# + "\n"
        let file = directory.write("new.jsonl", record)
        source.afterPageRead = {
            _ = try? TrajectoryImporter(store: store, options: .init(codec: .init(task: "os"))).importFiles([file])
        }
        for key in [.char(":"), .char("t"), .char("2"), .enter] as [Key] { runtime.handle(.key(key)) }
        #expect(source.afterPageRead == nil)
        #expect(runtime.state.currentRow?.id == "t2")
        #expect(runtime.state.list.window.rows.map(\.id).prefix(2) == ["new1", "t2"])
        #expect(runtime.state.message?.isError != true, "\(String(describing: runtime.state.message))")
        runtime.dispatch(.storeChanged)
        #expect(runtime.state.currentRow?.id == "t2")
        #expect(runtime.state.list.cursor == 1)
    }

    @Test func gAndGReadOnePage() throws {
        let (source, runtime) = try session(400)
        let radius = runtime.state.windowRadius
        let reads = source.pageReads
        runtime.handle(.key(.char("G")))
        #expect(source.pageReads == reads + 1)
        #expect(runtime.state.currentRow?.id == "t399")
        #expect(runtime.state.list.window.rows.map(\.id) == (399 - radius...399).map { "t\($0)" })
        #expect(runtime.state.list.window.reachesEnd && !runtime.state.list.window.reachesStart)
        runtime.handle(.key(.char("g")))
        #expect(source.pageReads == reads + 2)
        #expect(runtime.state.currentRow?.id == "t0")
        #expect(runtime.state.list.window.rows.map(\.id) == (0...radius).map { "t\($0)" })
        #expect(runtime.state.list.window.reachesStart && !runtime.state.list.window.reachesEnd)
    }
}
