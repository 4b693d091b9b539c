/// A reward written so that it never reads as a value it is not: rewards sit near thresholds
/// (`--policy agenttuning` keeps 1 and drops 0.995), so a rounding that turns a value into its threshold
/// would say the opposite of what an export does with it. The review screen and the label summaries
/// (`label_batch.change`, undo's messages) write rewards through it.
public enum RewardText {
    /// `value` with the fewest decimals from `minimumPlaces` to four that are the value exactly
    /// (`0.50`, `0.995`, `1` with no minimum); failing that, four decimals marked `≈` (`≈0.6667`), or
    /// `<1.00` (`>0.00`) for a value that four decimals would round to the whole number it is not (the
    /// whole number with `minimumPlaces` decimals). A value past what an `Int` holds in ten-thousandths is
    /// written as Swift describes it.
    public static func text(_ value: Double, minimumPlaces: Int) -> String {
        guard value.isFinite, abs(value) < 1e14 else { return "\(value)" }
        for places in minimumPlaces...4 {
            let text = fixed(value, places: places)
            if Double(text) == value { return text }
        }
        let rounded = fixed(value, places: 4)
        guard let near = Double(rounded), near == near.rounded() else { return "≈" + rounded }
        return (value < near ? "<" : ">") + fixed(near, places: minimumPlaces)
    }

    /// `value` rounded to `places` decimals, all of them written (`0.50`, `-1.2500`, `3`).
    private static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let whole = "\(scaled < 0 ? "-" : "")\(abs(scaled) / scale)"
        guard places > 0 else { return whole }
        let fraction = String(abs(scaled) % scale)
        return whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
