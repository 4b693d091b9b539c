/// Number formatting for screens, without Foundation's locale-dependent formatters.
enum Format {
    /// A reward written so that it never reads as a value it is not: two decimals when they are the
    /// value exactly (`0.50`, `1.00`), else the fewest of three or four that are (`0.995`, `0.9999`);
    /// failing that, four decimals marked `≈` (`≈0.6667`), or `<1.00` (`>0.00`) for a value that four
    /// decimals would round to the whole number it is not. `—` when unknown.
    ///
    /// Rewards sit near thresholds (`--policy agenttuning` keeps 1 and drops 0.995), so a rounding that
    /// turns a value into its threshold would say the opposite of what an export does with it.
    static func reward(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        // Past what an Int holds in ten-thousandths only Swift's own description is exact.
        guard abs(value) < 1e14 else { return "\(value)" }
        for places in 2...4 {
            let text = fixed(value, places: places)
            if Double(text) == value { return text }
        }
        let rounded = fixed(value, places: 4)
        guard let near = Double(rounded), near == near.rounded() else { return "≈" + rounded }
        return (value < near ? "<" : ">") + fixed(near, places: 2)
    }

    /// `value` rounded to `places` decimals, all of them written (`0.50`, `-1.2500`).
    private static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(abs(scaled) % scale)
        let digits = String(repeating: "0", count: places - fraction.count) + fraction
        return "\(scaled < 0 ? "-" : "")\(abs(scaled) / scale).\(digits)"
    }

    /// A reviewer's reward and the reason they gave for it, when they gave one: `0.00 (reason: wrong
    /// count)`; the history and the trajectory screen show it so.
    static func reward(_ value: Double?, reason: String?) -> String {
        reward(value) + (reason.map { " (reason: \($0))" } ?? "")
    }

    /// `42%`.
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    /// `text` padded with spaces on the left to `width` columns (numbers line up on the right).
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TextWidth.width(of: text))) + text
    }
}

extension Format {
    /// A byte count in decimal units with one decimal: `812 B`, `12.3 KB`, `48.2 MB`, `1.2 GB`.
    static func bytes(_ count: Int) -> String {
        let units = ["KB", "MB", "GB", "TB"]
        guard count >= 1000 else { return "\(count) B" }
        var unit = 0
        var scale = 1000
        var tenths = (count * 10 + scale / 2) / scale
        // Move up a unit when rounding reaches 1000 of this one (999,999 bytes is `1.0 MB`).
        while unit < units.count - 1, tenths >= 10_000 {
            scale *= 1000
            unit += 1
            tenths = (count * 10 + scale / 2) / scale
        }
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}

extension Format {
    /// The most columns a message gives an id.
    static let idColumns = 40

    /// `id` shortened in the middle to at most `columns` (``TextWidth/truncateMiddle(_:to:)``), as the
    /// list's id column shortens it: runs of one source often differ only at their ends (`…-run_1`,
    /// `…-run_2`), which a cut at the end would lose.
    static func id(_ id: String, to columns: Int = idColumns) -> String {
        TextWidth.truncateMiddle(id, to: columns)
    }
}
