/// Numbers as people type them in filters, prompts and options: a decimal (`0.5`, `.5`, `1e-3`) or a
/// fraction of whole numbers (`2/3`, as AgentTuning states mind2web's reward threshold).
///
/// ```swift
/// NumberText.decimal("2/3")   // 0.666…
/// NumberText.decimal("0x1")   // nil
/// NumberText.reward("1.5")    // nil: a reward is from 0 to 1
/// ```
public enum NumberText {
    /// The number `text` writes, or nil. `nan`, `inf` and hexadecimal, which `Double(_:)` would also
    /// take, are refused: no one means them as a count or a reward.
    public static func decimal(_ text: String) -> Double? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let numerator = Int(parts[0]), let denominator = Int(parts[1]), denominator != 0 else { return nil }
            return Double(numerator) / Double(denominator)
        }
        guard let first = text.first, first == "." || first.isWholeNumber,
            text.allSatisfy({ "0123456789.eE+-".contains($0) })
        else { return nil }
        return Double(text)
    }

    /// The reward `text` writes: a ``decimal(_:)`` from 0 to 1, else nil.
    public static func reward(_ text: String) -> Double? {
        decimal(text).flatMap { (0...1).contains($0) ? $0 : nil }
    }
}
