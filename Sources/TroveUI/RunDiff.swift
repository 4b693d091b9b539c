import TroveCore

/// Two runs of one task and their step alignment, laid out as display lines: side by side from
/// ``sideBySideWidth`` columns, one above the other when narrower. `trove diff` prints every line; the
/// review UI's diff screen scrolls through them.
///
/// Each aligned row is a block: a marker (`=` same action, `≠` different actions, `<` a step only the
/// left run took, `>` one only the right run took), then per run the step's action, its thought and the
/// start of its observation. A rule marks the first divergence.
///
/// ```swift
/// let diff = RunDiff(left: kept, right: rejected)
/// var canvas = diff.canvas(width: 120)  // every line, for printing
/// ```
public struct RunDiff: Hashable, Sendable {
    public let left: StoredTrajectory
    public let right: StoredTrajectory
    public let alignment: RunAlignment

    /// From this many columns the runs are laid out side by side.
    public static let sideBySideWidth = 120
    /// The most lines an action, a thought or an observation takes in a block.
    static let partLines = 3

    public init(left: StoredTrajectory, right: StoredTrajectory) {
        self.left = left
        self.right = right
        self.alignment = RunAlignment(left: left.parsed.steps, right: right.parsed.steps)
    }

    /// The title: both ids, and where the runs part.
    public var title: String {
        "diff · A \(Format.id(left.trajectory.id, to: 30)) · B \(Format.id(right.trajectory.id, to: 30))"
    }

    /// The one-line summary the status bar shows.
    public var summary: String {
        let rows = alignment.rows
        let matched = "\(alignment.matchCount) of \(rows.count) aligned steps match"
        guard let divergence = alignment.firstDivergence else { return matched + " · the runs take the same actions" }
        let row = rows[divergence]
        let place = [row.left.map { "A step \($0 + 1)" }, row.right.map { "B step \($0 + 1)" }].compactMap { $0 }
        return matched + " · first divergence at " + place.joined(separator: " / ")
    }

    /// The display lines at `width` columns.
    public func lines(width: Int, blind: Bool = false) -> [DiffLine] {
        var lines = header(blind: blind)
        let sideBySide = width >= Self.sideBySideWidth
        let columnWidth = sideBySide ? (width - Self.markerWidth - Self.separator.count) / 2 : width - 4
        for (index, row) in alignment.rows.enumerated() {
            if index == alignment.firstDivergence {
                lines.append(
                    DiffLine([.init(x: 0, spans: [Span(Self.rule("first divergence", width: width), .warning)])]))
            }
            let leftBlock = row.left.map { block(left, step: $0, width: columnWidth) } ?? []
            let rightBlock = row.right.map { block(right, step: $0, width: columnWidth) } ?? []
            let marker = Self.marker(row)
            if sideBySide {
                for offset in 0..<max(leftBlock.count, rightBlock.count) {
                    var pieces = [DiffLine.Piece(x: 0, spans: offset == 0 ? [marker] : [])]
                    if offset < leftBlock.count { pieces.append(.init(x: Self.markerWidth, spans: leftBlock[offset])) }
                    let separatorX = Self.markerWidth + columnWidth
                    pieces.append(.init(x: separatorX, spans: [Span(Self.separator, .border)]))
                    if offset < rightBlock.count {
                        pieces.append(.init(x: separatorX + Self.separator.count, spans: rightBlock[offset]))
                    }
                    lines.append(DiffLine(pieces))
                }
            } else {
                for (offset, spans) in leftBlock.enumerated() {
                    let lead = offset == 0 ? [marker, Span("A ", .dim)] : [Span("  A ", .dim)]
                    lines.append(DiffLine([.init(x: 0, spans: lead), .init(x: 4, spans: spans)]))
                }
                for (offset, spans) in rightBlock.enumerated() {
                    let lead = offset == 0 && leftBlock.isEmpty ? [marker, Span("B ", .dim)] : [Span("  B ", .dim)]
                    lines.append(DiffLine([.init(x: 0, spans: lead), .init(x: 4, spans: spans)]))
                }
            }
        }
        return lines
    }

    /// Every line drawn on a canvas of `width` columns and as many rows as lines: what `trove diff` prints.
    public func canvas(width: Int, blind: Bool = false) -> Canvas {
        let lines = lines(width: width, blind: blind)
        var canvas = Canvas(size: Size(width: width, height: lines.count))
        for (y, line) in lines.enumerated() { line.draw(at: y, into: &canvas) }
        return canvas
    }

    // MARK: - Parts

    private static let markerWidth = 2
    private static let separator = " │ "

    private static func marker(_ row: RunAlignment.Row) -> Span {
        switch (row.left, row.right) {
        case (.some, .some): row.isMatch ? Span("= ", .dim) : Span("≠ ", .warning)
        case (.some, nil): Span("< ", .warning)
        default: Span("> ", .warning)
        }
    }

    private static func rule(_ text: String, width: Int) -> String {
        let lead = "── \(text) "
        return lead + String(repeating: "─", count: max(0, width - TextWidth.width(of: lead)))
    }

    /// Who is A and who is B: id, steps, label and env reward (neither in blind review), how the run ended;
    /// then the task's first line and the summary.
    private func header(blind: Bool) -> [DiffLine] {
        var lines: [DiffLine] = []
        for (name, run) in [("A", left), ("B", right)] {
            var spans = [Span("\(name) ", .header), Span(run.trajectory.id, .text)]
            spans.append(Span(" · \(Plural.counted(run.parsed.steps.count, "step"))", .dim))
            if !blind {
                let status = run.label.status
                let role: Role = status == .accepted ? .accepted : status == .rejected ? .rejected : .pending
                spans += [Span(" · ", .dim), Span(status.rawValue, role)]
                spans.append(Span(" · env \(Format.reward(run.trajectory.environmentReward))", .reward))
            }
            if let outcome = run.trajectory.outcome { spans.append(Span(" · \(outcome.rawValue)", .dim)) }
            lines.append(DiffLine([.init(x: 0, spans: spans)]))
        }
        func firstLine(_ run: StoredTrajectory) -> String {
            let text = TaskGroup.taskText(of: run.trajectory, parsed: run.parsed) ?? ""
            return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        if TaskGroup.id(of: left.trajectory, parsed: left.parsed)
            == TaskGroup.id(of: right.trajectory, parsed: right.parsed)
        {
            lines.append(DiffLine([.init(x: 0, spans: [Span("task ", .dim), Span(firstLine(left), .text)])]))
        } else {
            // Two tasks: each run's, or the reader cannot tell what B was asked.
            lines.append(
                DiffLine([.init(x: 0, spans: [Span("tasks differ: A ", .warning), Span(firstLine(left), .text)])]))
            lines.append(
                DiffLine([.init(x: 0, spans: [Span("              B ", .warning), Span(firstLine(right), .text)])]))
        }
        lines.append(DiffLine([.init(x: 0, spans: [Span(summary, .dim)])]))
        lines.append(DiffLine([]))
        return lines
    }

    /// One step's lines at `width` columns: `N kind argument`, then its thought and observation.
    private func block(_ run: StoredTrajectory, step index: Int, width: Int) -> [[Span]] {
        let step = run.parsed.steps[index]
        var head = [Span("\(index + 1) ", .dim)]
        if let action = step.action {
            head += [Span(action.kind + " ", .actionKind), Span(Self.flattened(action.argument), .action)]
        } else if let answer = step.finalAnswer {
            head += [Span("answer ", .actionKind), Span(Self.flattened(answer), .finalAnswer)]
        } else {
            head += [Span("(no action) ", .dim), Span(Self.flattened(step.segments.map(\.text).joined()), .text)]
        }
        var lines = Self.part(head, width: width)
        if let thought = step.thought, !thought.isEmpty {
            lines += Self.part([Span("  " + Self.flattened(thought), .thought)], width: width)
        }
        if let observation = step.observation, !observation.isEmpty {
            lines += Self.part([Span("→ " + Self.flattened(observation), .observation)], width: width)
        }
        return lines
    }

    /// `spans` wrapped to `width` columns, at most ``partLines`` lines; a text cut there ends in `…`.
    private static func part(_ spans: [Span], width: Int) -> [[Span]] {
        let wrapped = Span.wrap(spans, width: width)
        guard wrapped.count > partLines, var last = wrapped[partLines - 1].last else {
            return Array(wrapped.prefix(partLines))
        }
        var lines = Array(wrapped.prefix(partLines - 1))
        let others = wrapped[partLines - 1].dropLast()
        let used = others.reduce(0) { $0 + TextWidth.width(of: $1.text) }
        last.text = TextWidth.truncate(last.text, to: max(0, width - used - 1), ellipsis: "") + "…"
        lines.append(Array(others) + [last])
        return lines
    }

    /// `text` on one line: line breaks and runs of white space become one space.
    private static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One display line of a ``RunDiff``: pieces of spans, each drawn from its column.
public struct DiffLine: Hashable, Sendable {
    /// Spans drawn from column `x`, up to the next piece's column.
    public struct Piece: Hashable, Sendable {
        public var x: Int
        public var spans: [Span]

        public init(x: Int, spans: [Span]) {
            self.x = x
            self.spans = spans
        }
    }

    public var pieces: [Piece]

    public init(_ pieces: [Piece]) {
        self.pieces = pieces
    }

    /// Draws the line on row `y`, each piece clipped at the next piece's column (the last at the edge);
    /// a piece the clip cuts ends in `…`.
    public func draw(at y: Int, into canvas: inout Canvas) {
        for (index, piece) in pieces.enumerated() {
            let end = index + 1 < pieces.count ? pieces[index + 1].x : canvas.size.width
            canvas.put(piece.spans, at: Point(x: piece.x, y: y), maxColumns: end - piece.x)
        }
    }
}
