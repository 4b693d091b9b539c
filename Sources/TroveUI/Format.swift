/// Number formatting for screens, without Foundation's locale-dependent formatters.
enum Format {
    /// `0.50`; `—` when unknown.
    static func reward(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths < 0 ? "-" : "")\(abs(hundredths) / 100).\(fraction < 10 ? "0" : "")\(fraction)"
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
