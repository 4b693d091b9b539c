extension AgreementReport {
    /// The report as `trove agreement` prints it: alpha for decisions and rewards with their
    /// intervals and units, decision alpha per task, and kappa per pair of reviewers, as aligned
    /// tables with values to three decimals; an undefined value reads `—`, explained below the
    /// tables. Names from data are made inert (one line, no control characters). Ends with a newline.
    public var text: String {
        var out = "Agreement over \(Plural.trajectories(units)) decided by two or more reviewers\n\n"
        out += Self.table([
            ["", "alpha", "95% interval", "units"],
            ["decision (accept/reject)", Self.fixed(decision.value), Self.interval(decision.interval), "\(units)"],
            ["reward override", Self.fixed(reward.value), Self.interval(reward.interval), "\(rewardUnits)"],
        ])
        if !tasks.isEmpty {
            out += "\n"
            out += Self.table(
                [["task", "decision alpha", "units"]]
                    + tasks.map {
                        [TrajectoryReport.visibleOnOneLine($0.task), Self.fixed($0.decisionAlpha), "\($0.units)"]
                    })
        }
        if !pairs.isEmpty {
            out += "\n"
            out += Self.table(
                [["reviewer", "with", "kappa", "shared"]]
                    + pairs.map {
                        [
                            TrajectoryReport.visibleOnOneLine($0.first), TrajectoryReport.visibleOnOneLine($0.second),
                            Self.fixed($0.kappa), "\($0.shared)",
                        ]
                    }, leftAligned: 2)
        }
        let values = [decision.value, reward.value] + tasks.map(\.decisionAlpha) + pairs.map(\.kappa)
        if values.contains(where: { $0 == nil }) {
            out += "\n— undefined: no units, or every decision (or reward) the same value throughout\n"
        }
        return out
    }

    /// Rows as columns two spaces apart: the first `leftAligned` columns left-aligned, the others
    /// right-aligned.
    private static func table(_ rows: [[String]], leftAligned: Int = 1) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < leftAligned ? cell + padding : padding + cell
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }.joined()
    }

    /// `value` to three decimals (`0.743`, `-0.092`), `—` when undefined, as the report and the review
    /// UI show alpha and kappa.
    public static func fixed(_ value: Double?) -> String {
        guard let value else { return "—" }
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let digits = String(abs(thousandths) % 1000)
        return "\(sign)\(abs(thousandths) / 1000).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }

    private static func interval(_ interval: ClosedRange<Double>?) -> String {
        guard let interval else { return "—" }
        return "[\(fixed(interval.lowerBound)), \(fixed(interval.upperBound))]"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var trimmed = self
        while trimmed.last == " " { trimmed.removeLast() }
        return trimmed
    }
}
