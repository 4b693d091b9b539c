import TroveCore

/// Number formatting for screens, without Foundation's locale-dependent formatters.
enum Format {
    /// A reward as ``RewardText`` writes it with at least two decimals (`0.50`, `0.995`, `≈0.6667`,
    /// `<1.00`); `—` when unknown.
    static func reward(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return RewardText.text(value, minimumPlaces: 2)
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
