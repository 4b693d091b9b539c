import Testing
import TroveCore
import TroveUI

/// The open trajectory is laid out once per change of what its lines depend on, not once per line read.
@Suite struct LayoutCacheTests {
    static let size = Size(width: 120, height: 40)

    /// An OS trajectory of `steps` steps, each observation naming `kmountain-N`.
    static func long(steps: Int) -> StoredTrajectory {
        var messages = [Message(originalRole: "human", text: "Count the files in /var/log.")]
        for step in 0..<steps {
            messages.append(
                Message(originalRole: "gpt", text: "Think: directory \(step)\n\nAct: bash\n\n```bash\nls d\(step)\n```")
            )
            messages.append(
                Message(originalRole: "human", text: "The output of the OS:\n\nfile-\(step)\nkmountain-\(step)"))
        }
        let trajectory = Trajectory(
            id: "os_long", task: "os", source: TroveCore.SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        return StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(messages, task: "os"), label: .unreviewed)
    }

    @Test func searchAndHitsInATwoThousandTurnTrajectoryTakeALayoutEach() throws {
        var state = AppState(size: Self.size, reviewer: "ana")
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.long(steps: 1000))))
        let elapsed = ContinuousClock().measure {
            _ = update(&state, .command(.search))
            for character in "kmountain-" { _ = update(&state, .text(.char(character))) }
            _ = update(&state, .command(.submit))
            for _ in 0..<20 { _ = update(&state, .command(.nextHit)) }
        }
        // Laid out per line read, the search alone takes minutes (6,000 lines, each laying out 6,000).
        #expect(elapsed < .seconds(10))
        let hit = try #require(state.document?.hit?.line)
        #expect(state.document?.scroll == hit - 2)
        let line = state.documentLines[hit]
        #expect(line.text == "kmountain-20")
    }

    @Test func linesFollowAStateChangedOutsideUpdate() throws {
        var state = AppState(size: Self.size, reviewer: "ana")
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(Self.long(steps: 3))))
        let wide = state.documentLines
        state.size = Size(width: 40, height: 10)
        state.view.thoughts = false
        let document = try #require(state.document)
        let fresh = TrajectoryLayout.lines(of: document, view: state.view, blindReviewer: nil, width: 40)
        #expect(state.documentLines == fresh)
        #expect(fresh != wide)
    }
}
