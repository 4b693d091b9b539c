import TroveCore

/// A trajectory's label history, oldest first: under a header, every event in aligned columns (its id,
/// its UTC time marked `Z`, the reviewer who made it, its kind) and then the label it left, wrapped under
/// its column when longer than the row.
enum HistoryScreen {
    /// The columns' widths at one screen width, for the events shown.
    struct Columns {
        var id: Int
        var time: Int
        var reviewer: Int
        var kind = 5
        /// Where the label starts: after the other columns, or on the lines below them when too little
        /// room would be left beside them.
        var labelX: Int
        /// Whether the label goes on the lines below the other columns.
        var labelBelow: Bool

        init(_ events: [LabelEvent], width: Int) {
            id = max(1, events.map { HistoryScreen.number(of: $0).count }.max() ?? 1)
            time = HistoryScreen.time(of: "", width: width).count
            let longest = events.map { TextWidth.width(of: $0.reviewer) }.max() ?? 0
            reviewer = min(width >= 80 ? 16 : 8, max(8, longest))
            let beside = 1 + id + 1 + time + 1 + reviewer + 1 + kind + 1
            labelBelow = width - beside < HistoryScreen.narrowestLabel
            labelX = labelBelow ? 4 : beside
        }
    }

    /// The narrowest label column beside the others; narrower screens put the label below them.
    static let narrowestLabel = 24

    static func render(_ state: AppState, into canvas: inout Canvas) {
        let width = canvas.size.width
        let id = state.history.first?.trajectoryID ?? state.currentID ?? ""
        Chrome.title("label history · ", id: id, "", state: state, into: &canvas)
        if state.history.isEmpty {
            canvas.put("No label events yet.", at: Point(x: 1, y: 2), role: .dim)
        } else {
            let columns = Columns(state.history, width: width)
            var x = 1
            for (heading, columnWidth) in [
                ("#", columns.id), ("TIME (UTC)", columns.time), ("REVIEWER", columns.reviewer),
                ("EVENT", columns.kind), (columns.labelBelow ? "" : "LABEL", max(0, width - columns.labelX)),
            ] {
                canvas.put(heading, at: Point(x: x, y: 1), role: .header, maxColumns: columnWidth)
                x += columnWidth + 1
            }
            canvas.paint(Rect(x: 0, y: 1, width: width, height: 1), role: .header)
        }
        let lines = lines(state, width: width)
        for offset in 0..<max(0, state.pageHeight - 1) {
            let index = state.pageScroll + offset
            guard index < lines.count else { break }
            canvas.put(lines[index], at: Point(x: 0, y: 2 + offset))
        }
        Chrome.status([Span("\(state.history.count) events · times in UTC · q back", .text)], into: &canvas)
    }

    /// Display lines below the header: one or more per event.
    static func lines(_ state: AppState, width: Int) -> [[Span]] {
        let columns = Columns(state.history, width: width)
        let labelWidth = max(1, width - columns.labelX)
        var lines: [[Span]] = []
        for event in state.history {
            let id = Format.right(number(of: event), columns.id)
            let reviewer = TextWidth.truncateMiddle(event.reviewer, to: columns.reviewer)
            let lead = [
                Span(" " + id + " ", .dim), Span(time(of: event.at, width: width) + " ", .dim),
                Span(
                    reviewer + String(repeating: " ", count: columns.reviewer - TextWidth.width(of: reviewer)) + " ",
                    .text),
                Span(event.kind.rawValue.padding(to: columns.kind) + " ", .dim),
            ]
            let wrapped = Span.wrap(labelSpans(event), width: labelWidth)
            if columns.labelBelow { lines.append(lead) }
            for (index, pieces) in wrapped.enumerated() {
                let indent = [Span(String(repeating: " ", count: columns.labelX), .text)]
                lines.append((index == 0 && !columns.labelBelow ? lead : indent) + pieces)
            }
        }
        return lines
    }

    /// An event's number: `#12` for a label event, `#t12` for a turn event (their ids count apart).
    static func number(of event: LabelEvent) -> String {
        event.turn == nil ? "#\(event.id)" : "#t\(event.id)"
    }

    /// The label an event left: status, reward and the reason given for it, tags, note, and where the
    /// change came from; for a turn event, the turn's mask and whether it is corrected.
    static func labelSpans(_ event: LabelEvent) -> [Span] {
        if let turn = event.turn {
            let training =
                switch turn.training {
                case .no: "masked"
                case .yes: "trained"
                case .default: "as imported"
                }
            return [
                Span("turn \(turn.turn): \(training)\(turn.isCorrected ? ", corrected" : "")", .text),
                Span(" (\(event.origin))", .dim),
            ]
        }
        let label = event.label
        let status: Role = label.status == .accepted ? .accepted : label.status == .rejected ? .rejected : .pending
        var spans = [Span(label.status.rawValue, status)]
        if let reward = label.reward {
            spans.append(Span(" reward \(Format.reward(reward, reason: label.rewardReason))", .reward))
        }
        if !label.tags.isEmpty { spans.append(Span(" [\(label.tags.joined(separator: ", "))]", .tag)) }
        if let note = label.note { spans.append(Span(" “\(note)”", .note)) }
        spans.append(Span(" (\(event.origin))", .dim))
        return spans
    }

    /// An event's stored time (ISO 8601 UTC) as the screen shows it, `Z` marking UTC: the whole date
    /// and time from 60 columns, else month, day, hours and minutes.
    static func time(of stored: String, width: Int) -> String {
        let padded = Array(stored.padding(to: 19))
        let date = String(padded[0..<10])
        let clock = String(padded[11..<19])
        return width >= 60 ? "\(date) \(clock)Z" : "\(date.suffix(5)) \(clock.prefix(5))Z"
    }
}

extension String {
    /// The string cut or padded with spaces to `count` characters.
    fileprivate func padding(to count: Int) -> String {
        self.count >= count ? String(prefix(count)) : self + String(repeating: " ", count: count - self.count)
    }
}
