import TroveCore

/// The trajectory list: a row per trajectory in the loaded window, columns chosen to fit the width.
enum ListScreen {
    /// A list column: heading, width, and how a row fills it.
    struct Column {
        var heading: String
        var width: Int
        var rightAligned = false
        /// The sort this column's heading marks; nil for a column no sort follows.
        var sortKey: ListColumn?
        /// The cell's text, in one span or several of their own roles.
        var cell: (TrajectoryRow) -> [Span]
    }

    /// The part of a terminal from 80 columns wide the task text keeps, before optional columns.
    static let textShare = (numerator: 3, denominator: 10)

    static func render(_ state: AppState, into canvas: inout Canvas) {
        let width = canvas.size.width
        Chrome.title("trove review · \(state.storeName)", state: state, into: &canvas)
        let longestID = state.list.window.rows.lazy.map { TextWidth.width(of: $0.id) }.max() ?? 0
        let columns = columns(for: width, state: state, longestID: longestID)
        var x = 0
        for column in columns {
            let marker = column.sortKey == state.sort.column ? (state.sort.descending ? "▼" : "▲") : ""
            // The marker is what says the list's order: a heading as wide as its column gives way to it.
            let fits = TextWidth.width(of: column.heading + marker) <= column.width
            let heading =
                fits || marker.isEmpty
                ? TextWidth.truncate(column.heading + marker, to: column.width)
                : String(column.heading.prefix(max(0, column.width - 1))) + marker
            canvas.put(
                column.rightAligned ? Format.right(heading, column.width) : heading, at: Point(x: x, y: 1),
                role: .header, maxColumns: column.width)
            x += column.width + 1
        }
        canvas.paint(Rect(x: 0, y: 1, width: width, height: 1), role: .header)
        if state.list.isEmpty {
            let note =
                state.filter.expression == nil
                ? "The store holds no trajectories." : "No trajectory matches the filter."
            canvas.put(note, at: Point(x: 1, y: 3), role: .dim)
            // The same hint the commands give: names match case and all.
            if let hint = ExportSummary.filterValuesHint(state.filter) {
                for (index, line) in TextWidth.wrap(hint, width: max(10, width - 2)).enumerated()
                where 4 + index < state.listHeight + 2 {
                    canvas.put(line, at: Point(x: 1, y: 4 + index), role: .dim)
                }
            }
        }
        for offset in 0..<state.listHeight {
            let position = state.list.top + offset
            guard let row = state.list.window.row(at: position) else { continue }
            let y = 2 + offset
            var x = 0
            for column in columns {
                let spans = column.cell(row)
                if spans.count == 1, let span = spans.first {
                    let text =
                        column.sortKey == .id
                        ? TextWidth.truncateMiddle(span.text, to: column.width)
                        : TextWidth.truncate(span.text, to: column.width)
                    canvas.put(
                        column.rightAligned ? Format.right(text, column.width) : text, at: Point(x: x, y: y),
                        role: span.role, maxColumns: column.width)
                } else {
                    var used = 0
                    for span in spans where used < column.width {
                        used += canvas.put(
                            span.text, at: Point(x: x + used, y: y), role: span.role, maxColumns: column.width - used)
                    }
                }
                x += column.width + 1
            }
            if position == state.list.cursor {
                canvas.paint(Rect(x: 0, y: y, width: width, height: 1), role: .selection)
            }
        }
        Chrome.status(statusSpans(state), into: &canvas)
    }

    /// The status bar: position, length and counts, or `?` and `…` for what is still being counted; the
    /// disputed count when there is one, so the counts add up to the length. Blind review leaves the decision counts out: over a filter narrowed to one trajectory they would
    /// tell its decision.
    static func statusSpans(_ state: AppState) -> [Span] {
        let list = state.list
        let position = list.isEmpty ? "0" : list.isPositioned ? "\(list.cursor + 1)" : "?"
        var spans: [Span]
        if let counts = list.counts, let storeTotal = list.storeTotal {
            spans = [
                Span("\(position)/\(counts.total)", .text),
                Span(counts.total == storeTotal ? "" : " of \(storeTotal)", .text),
            ]
            if !state.blind {
                spans += [
                    Span(" · ✓\(counts.accepted) accepted ✗\(counts.rejected) rejected", .text),
                    Span(" \(counts.pending) pending", .text),
                ]
                // As `trove stats` does: only a team's store has disputes, and a single reviewer's bar stays.
                if counts.disputed > 0 { spans.append(Span(" \(counts.disputed) disputed", .text)) }
            }
        } else {
            spans = [Span("\(position)/…", .text)]
            if !state.blind { spans += [Span(" · ✓… accepted ✗… rejected", .text), Span(" … pending", .text)] }
        }
        if let progress = state.progress, progress.hasAssignments {
            spans.append(Span(" · done \(progress.done)/\(progress.assigned)", .text))
        }
        if !state.filter.source.isEmpty { spans.append(Span(" · filter: \(state.filter.source)", .text)) }
        spans.append(Span(" · sort: \(state.sort)", .text))
        if let search = state.search { spans.append(Span(" · /\(search)", .text)) }
        return spans
    }

    /// The columns that fit `width`: id, status, the marks (`#` tags, `✎` a note) and the task text
    /// always; then the reviewer's reward, the environment's (unless blind), flags, task and steps as
    /// room allows (but the one the list is sorted by), leaving the task text at least 12 columns, and
    /// from 80 wide ``textShare`` of the width (24 of 80: the text is what tells one run from the next). In blind review the reviewer's
    /// reward column shows only rewards the reviewer set, and the status column hides another reviewer's
    /// accept or reject. The id column is 10 columns (14 from 80 wide), widened for the longest loaded id
    /// up to 14 columns from 60 wide, 20 from 80 and 24 from 120; longer ids are shortened in the middle.
    /// Ids of one source often differ in a few characters between a long common start and end
    /// (`popularity/4_epoch_1`), which a shortened id loses. The reward columns are 4 columns, widened
    /// for a loaded reward written with more decimals (``rewardWidth(_:)``).
    static func columns(for width: Int, state: AppState, longestID: Int) -> [Column] {
        let narrowest = width >= 80 ? 14 : 10
        let widest = width >= 120 ? 24 : width >= 80 ? 20 : width >= 60 ? 14 : 10
        let idWidth = min(widest, max(narrowest, longestID))
        let id = Column(heading: "ID", width: idWidth, sortKey: .id) { [Span($0.id, .text)] }
        let task = Column(heading: "TASK", width: 8, sortKey: .task) { [Span($0.task, .dim)] }
        let steps = Column(heading: "STEPS", width: 5, rightAligned: true, sortKey: .steps) {
            [Span("\($0.steps)", .dim)]
        }
        let rows = state.list.window.rows
        func shownReward(_ row: TrajectoryRow) -> String {
            state.showsLabel(of: row) ? row.reviewReward.map(Format.reward) ?? "" : ""
        }
        let env = Column(
            heading: "ENV", width: rewardWidth(rows.map { Format.reward($0.environmentReward) }), rightAligned: true,
            sortKey: .envReward
        ) { [Span(Format.reward($0.environmentReward), .dim)] }
        let reward = Column(
            heading: "REV", width: rewardWidth(rows.map(shownReward)), rightAligned: true, sortKey: .reward
        ) { [Span(shownReward($0), .reward)] }
        let status = Column(heading: "STATUS", width: 8, sortKey: .status) { row in
            switch state.shownStatus(row.status, of: row) {
            case .accepted: [Span("accepted", .accepted)]
            case .rejected: [Span("rejected", .rejected)]
            case .pending: [Span("pending", .pending)]
            case .disputed: [Span("disputed", .disputed)]
            }
        }
        let marks = Column(heading: "", width: 2, sortKey: nil) { row in
            // Blind review shows another reviewer's tags and note as little as their verdict.
            guard state.showsLabel(of: row) else { return [] }
            return [Span(row.tags.isEmpty ? " " : "#", .tag), Span(row.hasNote ? "✎" : " ", .note)]
        }
        let flags = Column(heading: "FLAGS", width: 8, sortKey: .flags) { row in
            [Span(flagCodes(row.flags, width: 8), .flag)]
        }
        // Lowest priority first: dropped first when the width runs out. The step count and the task's
        // split go before the flags: the flags are what review looks for, and an id often names its split.
        var optional = [steps, task, flags, state.blind ? nil : env, reward].compactMap { $0 }
        let minimumText = width >= 80 ? width * textShare.numerator / textShare.denominator : 12
        func used(_ columns: [Column]) -> Int { columns.reduce(0) { $0 + $1.width + 1 } }
        // The column the list is sorted by stays: its heading's marker says the order.
        while used([id, status, marks] + optional) + minimumText > width,
            let dropped = optional.firstIndex(where: { $0.sortKey != state.sort.column })
        {
            optional.remove(at: dropped)
        }
        let kept = Set(optional.compactMap(\.sortKey))
        let ordered = [id, task, steps, env, reward, status, marks, flags].filter { column in
            guard let key = column.sortKey, key != .id, key != .status else { return true }
            return kept.contains(key)
        }
        let textWidth = max(1, width - used(ordered))
        // A run's outcome leads its text rather than taking a column: most formats record none. The text
        // is the task's goal, without its dialect's boilerplate.
        let text = Column(heading: "TASK TEXT", width: textWidth, sortKey: .text) { row in
            [Span((row.outcome.map { "[\($0.rawValue)] " } ?? "") + row.taskGoal, .text)]
        }
        return ordered + [text]
    }

    /// A reward column's width: 4 (`0.50`), widened to the widest of `rewards` (the loaded rows'), up
    /// to ``rewardColumnLimit``: a reward written with more decimals (`0.995`, `≈0.6667`) is shown
    /// whole, since one cut to two decimals would read as the threshold it is below.
    static func rewardWidth(_ rewards: [String]) -> Int {
        min(rewardColumnLimit, max(4, rewards.lazy.map { TextWidth.width(of: $0) }.max() ?? 0))
    }

    /// The widest a reward column grows: `≈0.6667`, `-0.9999`.
    static let rewardColumnLimit = 7

    /// The flags' codes (``QualityFlag/code``) that fit `width`, space-separated, with `+N` for the rest.
    static func flagCodes(_ flags: [QualityFlag], width: Int) -> String {
        let codes = flags.map(\.code)
        for count in stride(from: codes.count, through: 1, by: -1) {
            let rest = codes.count - count
            var shown = Array(codes.prefix(count))
            if rest > 0 { shown.append("+\(rest)") }
            let text = shown.joined(separator: " ")
            if TextWidth.width(of: text) <= width { return text }
        }
        return codes.isEmpty ? "" : "+\(codes.count)"
    }
}
