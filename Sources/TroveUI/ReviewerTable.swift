import TroveCore

/// Every reviewer's label on the open trajectory, side by side above its steps: reviewer (adjudicators
/// marked `*`), decision, reward, time, then reason and note in the room left. Shown only when a
/// reviewer other than the current one has a label, and in blind review only once the current reviewer
/// has accepted or rejected the trajectory: another's verdict must not steer theirs.
enum ReviewerTable {
    /// Whether `reviewer` may see `labels` side by side now.
    static func isShown(_ labels: [ReviewerLabel], reviewer: String, blind: Bool) -> Bool {
        guard labels.contains(where: { $0.reviewer != reviewer }) else { return false }
        guard blind else { return true }
        let own = labels.first { $0.reviewer == reviewer }?.label.status
        return own == .accepted || own == .rejected
    }

    /// The table's lines for a screen `width` wide, a blank line after it; none when it is not shown.
    static func lines(_ labels: [ReviewerLabel], reviewer: String, blind: Bool, width: Int) -> [DocumentLine] {
        guard isShown(labels, reviewer: reviewer, blind: blind) else { return [] }
        let nameWidth = min(14, labels.map { TextWidth.width(of: $0.reviewer) + ($0.isAdjudicator ? 1 : 0) }.max() ?? 0)
        let showsTime = width >= 60
        let timeWidth = showsTime ? TextWidth.width(of: HistoryScreen.time(of: "", width: width)) : 0
        func cell(_ text: String, _ columns: Int) -> String {
            let cut = TextWidth.truncate(text, to: columns)
            return cut + String(repeating: " ", count: max(0, columns - TextWidth.width(of: cut)))
        }
        // As wide as the widest reward: one with more decimals (`0.9999`) is shown whole.
        let rewardWidth = ListScreen.rewardWidth(labels.map { $0.label.reward.map(Format.reward) ?? "" })
        var header = [Span(cell("REVIEWER", max(nameWidth, 8)) + " DECISION " + cell("REV", rewardWidth) + " ", .dim)]
        if showsTime { header.append(Span(cell("TIME", timeWidth) + " ", .dim)) }
        header.append(Span("REASON / NOTE", .dim))
        var lines = [DocumentLine(spans: header, isFullWidth: true)]
        for entry in labels {
            let label = entry.label
            let name = entry.reviewer + (entry.isAdjudicator ? "*" : "")
            var spans = [
                Span(cell(name, max(nameWidth, 8)) + " ", entry.reviewer == reviewer ? .text : .dim),
                Span(cell(label.status.rawValue, 8) + " ", role(of: label.status)),
                Span(cell(label.reward.map(Format.reward) ?? "", rewardWidth) + " ", .reward),
            ]
            if showsTime {
                spans.append(Span(cell(HistoryScreen.time(of: entry.at, width: width), timeWidth) + " ", .dim))
            }
            let words = [label.rewardReason, label.note.map { "“\($0)”" }].compactMap { $0 }
            spans.append(Span(words.joined(separator: " "), label.note == nil ? .dim : .note))
            lines.append(DocumentLine(spans: spans, isFullWidth: true))
        }
        if labels.contains(where: \.isAdjudicator) {
            lines.append(DocumentLine(spans: [Span("* adjudicator: their decision is final", .dim)], isFullWidth: true))
        }
        lines.append(DocumentLine(spans: [], isFullWidth: true))
        return lines
    }

    private static func role(of status: LabelStatus) -> Role {
        switch status {
        case .accepted: .accepted
        case .rejected: .rejected
        case .pending: .pending
        case .disputed: .disputed
        }
    }
}
