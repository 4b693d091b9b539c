import Testing
import TroveCore

@testable import TroveUI

/// QA: `/` searched display lines, so a term a soft wrap split was not found, and a resize lost the
/// current hit and its `hit n/m`.
@Suite struct SearchWrapTests {
    /// At 80 columns the thought's text column is 69 wide: "great " ends the first line and "gatsby"
    /// starts the second; the long word is cut after "ABCD".
    static let thought =
        String(repeating: "x", count: 60) + " great gatsby lives\n" + String(repeating: "y", count: 65)
        + "ABCDEFGHIJ and the great gatsby again"

    static func state(size: Size = Size(width: 80, height: 24)) -> AppState {
        var state = AppState(size: size, reviewer: "ana")
        let messages = [
            Message(originalRole: "human", text: "Do the task."),
            Message(originalRole: "gpt", text: "Think: \(thought)\n\nAct: bash\n\n```bash\nls\n```", loss: true),
            Message(originalRole: "human", text: "The output of the OS:\n\nfile"),
        ]
        let trajectory = Trajectory(
            id: "w1", task: "os", source: TroveCore.SourceLocation(file: "f.jsonl", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: messages, originalRecord: [])
        let stored = StoredTrajectory(
            trajectory: trajectory, parsed: StepParser.parse(messages, task: "os"), label: .unreviewed)
        state.screens = [.list, .trajectory]
        _ = update(&state, .trajectoryLoaded(TrajectoryExcerpt(stored)))
        return state
    }

    static func search(_ text: String, in state: inout AppState) {
        _ = update(&state, .command(.search))
        for character in text { _ = update(&state, .text(.char(character))) }
        _ = update(&state, .command(.submit))
    }

    /// The text a hit covers, read back from the display lines' texts by its columns.
    static func text(of hit: SearchHit, in lines: [DocumentLine]) -> String {
        hit.pieces.map { piece in
            var column = 0
            var text = ""
            for glyph in Sanitizer.glyphs(lines[piece.line].searchText) {
                if piece.columns.contains(column) { text += glyph.text }
                column += glyph.width
            }
            return text
        }.joined()
    }

    static func status(_ state: AppState) -> String {
        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        return canvas.lines[state.size.height - 2]
    }

    @Test func aTermASoftWrapSplitsIsFoundAndShownOnBothLines() throws {
        var state = Self.state()
        Self.search("great gatsby", in: &state)
        let lines = state.documentLines
        let hit = try #require(state.document?.hit)
        #expect(hit.pieces.count == 2)
        #expect(lines[hit.pieces[1].line].continues)
        #expect(hit.pieces[1].line == hit.line + 1)
        #expect(Self.text(of: hit, in: lines) == "great gatsby")
        #expect(Self.status(state).contains("hit 1/2"))

        var canvas = Canvas(size: state.size)
        render(state, into: &canvas)
        let y = 1 + hit.line - (state.document?.scroll ?? 0)
        let textX = TrajectoryLayout.gutterWidth + TrajectoryLayout.labelWidth
        let first = Array(canvas.roleLines[y])
        let second = Array(canvas.roleLines[y + 1])
        #expect(String(first[(textX + 61)..<(textX + 66)]) == "@@@@@")
        #expect(String(second[textX..<(textX + 6)]) == "@@@@@@")
        #expect(second[textX + 6] != "@")
    }

    @Test func aTermAcrossACutWordIsFound() throws {
        var state = Self.state()
        Self.search("cdef", in: &state)
        let hit = try #require(state.document?.hit)
        #expect(hit.pieces.map(\.columns) == [67..<69, 0..<2])
        #expect(Self.text(of: hit, in: state.documentLines) == "CDEF")
    }

    /// The second hit is on a continuation line: `n` goes there, counts it, and highlights it where its
    /// text is (the columns of the continuation line, not of the text it continues).
    @Test func nextHitOnAContinuationLineIsCountedAndPlaced() throws {
        var state = Self.state()
        Self.search("gatsby again", in: &state)
        let hit = try #require(state.document?.hit)
        let lines = state.documentLines
        #expect(lines[hit.line].continues)
        #expect(Self.text(of: hit, in: lines) == "gatsby again")
        #expect(Self.status(state).contains("hit 1/1"))
    }

    @Test func resizingKeepsTheCurrentHitOnTheSameText() throws {
        var state = Self.state()
        Self.search("great gatsby", in: &state)
        _ = update(&state, .command(.nextHit))
        #expect(Self.status(state).contains("hit 2/2"))
        for size in [Size(width: 120, height: 40), Size(width: 50, height: 20), Size(width: 80, height: 24)] {
            _ = update(&state, .resized(size))
            let hit = try #require(state.document?.hit, "\(size)")
            #expect(Self.text(of: hit, in: state.documentLines) == "great gatsby", "\(size)")
            #expect(Self.status(state).contains("hit 2/2"), "\(size): \(Self.status(state))")
            let scroll = try #require(state.document?.scroll)
            #expect((scroll..<(scroll + state.pageHeight)).contains(hit.line), "\(size)")
        }
    }

    /// A page-long text of one line, wrapped to a thousand display lines, with a hit in every word:
    /// each frame finds them all, so the cost must follow the text, not hits times lines.
    @Test func manyHitsInOneLongLineAreFoundQuickly() {
        let spans = Span.softWrap([Span(String(repeating: "ab ", count: 20_000), .observation)], width: 69)
        let lines = spans.map { DocumentLine(spans: $0.spans, continues: $0.continues) }
        var hits: [SearchHit] = []
        let elapsed = ContinuousClock().measure { hits = SearchHit.find("b a", in: lines) }
        #expect(hits.count == 19_999)
        #expect(hits.contains { $0.pieces.count == 2 })
        #expect(elapsed < .seconds(2), "\(elapsed)")
    }

    @Test func hitsInOneTextFindEveryOccurrenceIgnoringCaseAndLengthChanges() {
        let lines = [
            DocumentLine(spans: [Span("İstanbul and ", .text)]),
            DocumentLine(spans: [Span("istanbul", .text)], continues: true),
            DocumentLine(spans: [Span("… 3 more lines (o unfolds)", .hint)]),
        ]
        // `İ` lowercases to `i` and a combining dot, which folds away as the index folds it.
        let hits = SearchHit.find("istanbul", in: lines)
        #expect(hits.count == 2)
        #expect(hits[0].pieces.first?.columns == 0..<8)
        #expect(SearchHit.find("and istan", in: lines).map(\.pieces.count) == [2])
        #expect(SearchHit.find("unfolds", in: lines).isEmpty)
        #expect(SearchHit.find("", in: lines).isEmpty)
    }

    /// QA: the list's `/naive` landed on a trajectory reading `naïve` that the search inside it then found
    /// nothing in. Both fold the diacritics of Latin letters as the word index does; other scripts' marks
    /// stay (`й` is a letter of its own).
    @Test func hitsIgnoreLatinDiacriticsAsTheListsSearchDoes() {
        let lines = [DocumentLine(spans: [Span("Un café NAÏVE, cafe\u{301} deux; й и", .text)])]
        #expect(SearchHit.find("naive", in: lines).map(\.pieces) == [[.init(line: 0, columns: 8..<13)]])
        #expect(SearchHit.find("café", in: lines).count == 2)
        #expect(SearchHit.find("Cafe", in: lines).count == 2)
        #expect(SearchHit.find("и", in: lines).map(\.pieces) == [[.init(line: 0, columns: 28..<29)]])
    }
}
