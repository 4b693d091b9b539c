import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// QA: a tau-bench episode that crashed before its first turn (`traj: []`) opened as a blank screen,
/// its error (`info.error`) visible only in the record view. The screen says the run has no steps and
/// shows the error its record states.
@Suite struct EmptyRunTests {
    private static func store() throws -> Store {
        TestLocale.prepare()
        let store = try Store.inMemory()
        _ = try TrajectoryImporter(store: store).importFiles([Fixtures.url("agent-runs/tau-bench.json").path])
        return store
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 10)])
    func aCrashedEpisodeSaysItHasNoStepsAndWhy(size: Size) throws {
        let session = ReviewSession.run(try Self.store(), size: size, events: Script.open("tau-bench/task_0/trial_0"))
        #expect(session.runtime.state.screen == .trajectory)
        assertSnapshot(session.canvas, named: "crashed-episode", includeRoles: size.width == 80)
        let text = session.canvas.lines.joined(separator: "\n")
        #expect(text.contains("Error    EOF when reading a line"), "\(text)")
        #expect(text.contains("▲ no steps: the record holds no turns;"), "\(text)")
    }

    /// A run with steps shows its stated error too, and no notice.
    @Test func aRunWithStepsShowsItsErrorUnderTheTitle() {
        var stored = UpdateTests.stored("t0")
        stored.trajectory.metadata = JSONObject([.init(key: "error", value: .string("RuntimeError: boom"))])
        let text = Self.lines(stored)
        #expect(text.contains("Error    RuntimeError: boom"))
        #expect(!text.contains { $0.contains("no steps") })
    }

    /// Where the formats keep how a run ended: an Inspect sample's `error.message` (its first line
    /// shown), SWE-agent's `info.exit_status` (said in the notice of an empty run).
    @Test func theErrorOrExitStatusComesFromWhereEachFormatKeepsIt() {
        let inspect = JSONObject([
            .init(
                key: "error",
                value: .object(
                    JSONObject([
                        .init(key: "message", value: .string("ValueError: bad\nTraceback …")),
                        .init(key: "traceback", value: .string("…")),
                    ])))
        ])
        #expect(StatedEnding(inspect).errorLine == "ValueError: bad … (M shows it all)")
        let swe = JSONObject([
            .init(key: "info", value: .object(JSONObject([.init(key: "exit_status", value: .string("exit_format"))])))
        ])
        #expect(StatedEnding(swe).error == nil)
        #expect(StatedEnding(swe).exitStatus == "exit_format")
        #expect(StatedEnding(JSONObject([.init(key: "error", value: .null)])).error == nil)
        #expect(StatedEnding(JSONObject([.init(key: "error", value: .string("  "))])).error == nil)

        var empty = UpdateTests.stored("t0")
        empty.trajectory.messages = []
        empty.parsed = StepParser.parse([], task: "os")
        empty.trajectory.metadata = swe
        #expect(Self.lines(empty).contains("▲ no steps: the record holds no turns; exit status exit_format"))
        empty.trajectory.metadata = JSONObject()
        #expect(Self.lines(empty).contains("▲ no steps: the record holds no turns; R shows the record as imported"))
    }

    /// The texts of `stored`'s display lines at 100 columns, labels included.
    private static func lines(_ stored: StoredTrajectory) -> [String] {
        TrajectoryLayout.lines(
            of: AppState.Document(stored), view: AppState.ViewOptions(), blindReviewer: nil, width: 100
        ).map { line in
            line.label.isEmpty
                ? line.text : line.label + String(repeating: " ", count: 9 - line.label.count) + line.text
        }
    }
}
