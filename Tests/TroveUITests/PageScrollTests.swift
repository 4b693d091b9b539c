import Testing
import TroveCore
import TroveTestSupport
import TroveUI

/// The scrolling screens (help, statistics, history, diff) reach their last line: `G` shows it, and
/// no scroll goes past it.
@Suite struct PageScrollTests {
    /// `state` with `keys` pressed (each a command) and drawn.
    private func rendered(_ state: AppState, _ commands: [Command]) -> (AppState, [String]) {
        var state = state
        for command in commands { _ = update(&state, .command(command)) }
        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        return (state, canvas.lines)
    }

    /// The last line above the status bar with text on it.
    private static func lastLine(_ lines: [String]) -> String {
        lines.dropLast(2).last { $0.contains { $0 != " " } } ?? ""
    }

    private static let sizes = [
        Size(width: 80, height: 24), Size(width: 80, height: 60), Size(width: 40, height: 10),
        Size(width: 50, height: 13), Size(width: 120, height: 30), Size(width: 100, height: 12),
    ]

    @Test(arguments: sizes)
    func listHelpEndsOnItsLastLine(size: Size) {
        var state = UpdateTests.listState()
        state.size = size
        let (_, lines) = rendered(state, [.toggleHelp, .bottom])
        // The last mark's text, wrapped or not, ends the help.
        let body = lines.dropFirst().dropLast(2).joined(separator: "\n")
        #expect(body.contains("record)") || body.contains("the record)"), "\(lines.joined(separator: "\n"))")
    }

    @Test(arguments: sizes)
    func trajectoryHelpEndsOnItsLastEntry(size: Size) throws {
        var state = UpdateTests.listState()
        state.size = size
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(UpdateTests.stored("t0"))))
        #expect(state.screen == .trajectory)
        let (_, lines) = rendered(state, [.toggleHelp, .bottom])
        let body = lines.dropFirst().dropLast(2).joined(separator: "\n")
        #expect(body.contains("\u{FFFD}"), "\(lines.joined(separator: "\n"))")
        #expect(body.contains("flag)"), "\(lines.joined(separator: "\n"))")
    }

    /// Statistics: `G` shows the last histogram line at the bottom of the page.
    @Test(arguments: sizes)
    func statisticsEndOnTheirLastLine(size: Size) {
        var state = UpdateTests.listState()
        state.size = size
        _ = update(&state, .statsLoaded(DatasetStats(tasks: (0..<8).map { TaskStats(task: "task\($0)") })))
        let (_, lines) = rendered(state, [.bottom])
        #expect(Self.lastLine(lines).hasPrefix("   unknown "), "\(lines.joined(separator: "\n"))")
    }

    /// History: events whose labels wrap under their column still end on the page's last row.
    @Test(arguments: sizes)
    func historyEndsOnItsLastLine(size: Size) {
        var state = UpdateTests.listState()
        state.size = size
        let note = (1...20).map { "word\($0)" }.joined(separator: " ")
        let events = (1...12).map { index in
            LabelEvent(
                id: Int64(index), trajectoryID: "t0", reviewer: "ana", at: "2026-01-01T00:00:00", kind: .label,
                reverts: nil, label: ReviewLabel(status: .accepted, note: note), origin: "ui")
        }
        _ = update(&state, .historyLoaded(id: "t0", events: events))
        let (_, lines) = rendered(state, [.top, .bottom])
        #expect(Self.lastLine(lines).contains("(ui)"), "\(lines.joined(separator: "\n"))")
    }

    /// Scrolling line by line from the top to the bottom shows every help line at least once, and
    /// never scrolls past the point where the last line shows.
    @Test(arguments: sizes)
    func everyHelpLineShowsWhileScrolling(size: Size) {
        var state = UpdateTests.listState()
        state.size = Size(width: size.width, height: 200)
        let (_, whole) = rendered(state, [.toggleHelp])
        var seen = Set<String>()
        state.size = size
        var (scrolled, lines) = rendered(state, [.toggleHelp])
        var previous = -1
        while scrolled.pageScroll != previous {
            seen.formUnion(lines.dropFirst().dropLast(2).map { $0.trimmedOfSpaces })
            previous = scrolled.pageScroll
            (scrolled, lines) = rendered(scrolled, [.moveDown])
        }
        let bottom = scrolled.pageScroll
        (scrolled, _) = rendered(scrolled, [.bottom])
        #expect(scrolled.pageScroll == bottom, "G and scrolling to the end agree")
        // Two columns at 200 rows hold everything; each line's text shows somewhere while scrolling.
        for line in whole.dropFirst().dropLast(2).map({ $0.trimmedOfSpaces }) where !line.isEmpty {
            let pieces = line.split(separator: "  ", omittingEmptySubsequences: true)
            for piece in pieces {
                let text = String(piece).trimmedOfSpaces
                #expect(seen.contains { $0.contains(text) }, "\(text) never shows at \(size)")
            }
        }
    }
}

extension String {
    fileprivate var trimmedOfSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
