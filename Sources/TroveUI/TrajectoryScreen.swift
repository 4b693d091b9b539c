import TroveCore

/// One trajectory: a title with its label and rewards (the env reward with where it came from), then
/// the display lines of ``TrajectoryLayout`` from the scroll position, search hits highlighted. Blind
/// review shows neither the env reward nor a reward, accept or reject another reviewer set.
enum TrajectoryScreen {
    static func render(_ state: AppState, into canvas: inout Canvas) {
        guard let document = state.document else { return }
        let stored = document.stored
        let label = stored.label
        // The fields after the id, which the title keeps when it shortens a long id.
        var fields = " · \(stored.trajectory.task) · \(Plural.counted(stored.parsed.steps.count, "step"))"
        let row = state.currentRow?.id == document.id ? state.currentRow : nil
        // Judged from the document's labels, which are loaded with it (the list's row may be older).
        let labelShown = state.showsLabel(of: document)
        let shownStatus = labelShown ? label.status : .pending
        fields += " · \(shownStatus.rawValue)"
        if let reward = label.reward, labelShown {
            fields += " · reward \(Format.reward(reward))"
        }
        fields += ownLabel(in: document, reviewer: state.reviewer, beside: shownStatus, labelShown ? label.reward : nil)
        if !state.blind {
            fields += " · env \(Format.reward(stored.trajectory.environmentReward))"
            if let source = stored.trajectory.environmentRewardSource ?? row?.environmentRewardSource {
                fields += " (\(source.rawValue))"
            }
            if let model = row?.sourceModel { fields += " · \(model)" }
        }
        if let group = document.group { fields += " · group \(group)" }
        Chrome.title(id: stored.trajectory.id, fields, state: state, into: &canvas)
        let lines = state.documentLines
        let labelX = TrajectoryLayout.gutterWidth
        let textX = labelX + TrajectoryLayout.labelWidth
        let hits = state.documentHits
        let shownHits = hits.filter { hit in
            hit.pieces.contains { (document.scroll..<(document.scroll + state.pageHeight)).contains($0.line) }
        }
        let leaks = stored.parsed.flags.contains(.labelLeak)
        for offset in 0..<state.pageHeight {
            let index = document.scroll + offset
            guard index < lines.count else { break }
            let line = lines[index]
            let y = 1 + offset
            canvas.put(String(line.gutter), at: Point(x: 0, y: y), role: line.gutter == " " ? .text : .masked)
            let startX = (line.isFullWidth ? labelX : textX) + line.indent
            if !line.label.isEmpty { canvas.put(line.label, at: Point(x: labelX, y: y), role: .dim) }
            canvas.put(line.spans, at: Point(x: startX, y: y))
            if line.isStepHeader, line.step != nil, line.step == document.selectedStep {
                canvas.paint(Rect(x: 0, y: y, width: canvas.size.width, height: 1), role: .selection)
            }
            if leaks, line.step != nil {
                for phrase in StepParser.labelLeakPhrases {
                    highlight(phrase, in: line.text, x: startX, y: y, role: .flag, into: &canvas)
                }
            }
            for hit in shownHits {
                for piece in hit.pieces where piece.line == index {
                    let role: Role = hit == document.hit ? .currentSearchHit : .searchHit
                    let width = piece.columns.count
                    canvas.paint(Rect(x: startX + piece.columns.lowerBound, y: y, width: width, height: 1), role: role)
                }
            }
        }
        let headers = TrajectoryLayout.stepHeaders(in: lines)
        let currentStep =
            document.selectedStep.map { $0 + 1 } ?? headers.lastIndex { $0 <= document.scroll }.map { $0 + 1 } ?? 0
        let shown = [
            state.view.thoughts ? "T" : "-", state.view.observations ? "O" : "-", state.view.metadata ? "M" : "-",
            state.view.context ? "p" : "-",
        ].joined()
        var spans = [
            Span("step \(currentStep)/\(stored.parsed.steps.count)", .text),
            Span(" · line \(min(lines.count, document.scroll + 1))/\(lines.count)", .text),
            Span(state.textOnScreen.map { " · page \($0.page)/\($0.pages)" } ?? "", .text),
            Span(" · \(state.view.raw ? "raw" : "view \(shown)")", .text),
        ]
        if let progress = state.progress, progress.hasAssignments {
            spans.append(Span(" · done \(progress.done)/\(progress.assigned)", .text))
        }
        if let search = state.search {
            spans.append(Span(" · /\(search)", .text))
            if let hit = document.hit, let index = hits.firstIndex(of: hit) {
                // Next to the step, so a narrow status bar still shows it.
                spans.insert(Span(" · hit \(index + 1)/\(hits.count)", .text), at: 1)
            }
        }
        Chrome.status(spans, into: &canvas)
    }

    /// The reviewer's own label where the decision shown differs from it (a team's decision waits for
    /// more reviews, or is disputed, or a median reward is not theirs): ` (you: accepted, reward 0.00)`;
    /// empty otherwise. Their own label is never hidden from them, blind or not.
    static func ownLabel(
        in document: AppState.Document, reviewer: String, beside status: LabelStatus, _ reward: Double?
    )
        -> String
    {
        guard let own = document.labels.first(where: { $0.reviewer == reviewer })?.label,
            own.status != status || (own.reward != nil && own.reward != reward)
        else { return "" }
        return " (you: \(own.status.rawValue)\(own.reward.map { ", reward \(Format.reward($0))" } ?? ""))"
    }

    /// Paints every case-insensitive occurrence of `needle` (lowercase) in `text`, drawn from column `x`.
    private static func highlight(
        _ needle: String, in text: String, x: Int, y: Int, role: Role, into canvas: inout Canvas
    ) {
        // Implementation note: lowercasing can change a text's length (İ); skip highlighting then.
        let lowered = text.lowercased()
        guard lowered.unicodeScalars.count == text.unicodeScalars.count else { return }
        var searchStart = lowered.startIndex
        while let range = lowered[searchStart...].firstRange(of: needle) {
            let start = TextWidth.width(of: lowered[..<range.lowerBound])
            let width = TextWidth.width(of: lowered[range])
            canvas.paint(Rect(x: x + start, y: y, width: width, height: 1), role: role)
            searchStart = range.upperBound
        }
    }
}
