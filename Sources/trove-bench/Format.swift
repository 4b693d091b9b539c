import Foundation

/// How the report writes numbers.
enum Format {
    /// `1.0 GB`, `2.0 MB`, `512 KB` (decimal units, as `trove synth --size` reads them).
    static func bytes(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        return String(format: "%.0f KB", value / 1e3)
    }

    /// `10k`, `1M`, `1.5k`, `300`.
    static func count(_ count: Int) -> String {
        func trimmed(_ value: Double, _ unit: String) -> String {
            let text = String(format: "%.1f", value)
            return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + unit
        }
        if count >= 1_000_000 { return trimmed(Double(count) / 1e6, "M") }
        if count >= 1000 { return trimmed(Double(count) / 1e3, "k") }
        return "\(count)"
    }

    /// A number as written in a goal: `150`, `4`, `0.5`.
    static func plain(_ value: Double) -> String {
        String(format: "%g", value)
    }

    /// A number with about three significant digits: `1234`, `152`, `15.2`, `1.52`.
    static func number(_ value: Double) -> String {
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}
