/// The reward an environment states in words at the end of a run, as FireAct's
/// `Observation: Episode finished, reward = True` or a harness's `Reward: 1` or
/// `success: true`.
///
/// A statement is the word `reward` or `success` (any case, not part of a longer
/// word), then `=` or `:` between optional spaces, then `True`/`False` (1/0) or a
/// number in `0...1`. The last statement in the text wins; a number outside
/// `0...1` is no statement.
///
/// ```swift
/// ObservationReward.stated(in: "Observation: Episode finished, reward = True")  // 1
/// ObservationReward.stated(in: "Reward: 0.5")                                    // 0.5
/// ObservationReward.stated(in: "reward_info: {}")                                // nil
/// ```
public enum ObservationReward {
    /// The words that introduce a reward.
    static let keys = ["reward", "success"]

    /// The reward the text states, or nil when it states none.
    public static func stated(in text: String) -> Double? {
        statements(in: Array(text.unicodeScalars)).last?.value
    }

    /// `text` with the value of every reward statement in it replaced by `hidden`
    /// (`Episode finished, reward = hidden`), for a blind reviewer, whom the stated reward would sway.
    public static func redacted(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let found = statements(in: scalars)
        guard !found.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        var index = 0
        for statement in found {
            out.append(contentsOf: scalars[index..<statement.valueStart])
            out.append(contentsOf: "hidden".unicodeScalars)
            index = statement.end
        }
        out.append(contentsOf: scalars[index...])
        return String(out)
    }

    /// Every statement in `scalars`, in order: its value, where the value's word starts and where it ends.
    private static func statements(in scalars: [Unicode.Scalar]) -> [(value: Double, valueStart: Int, end: Int)] {
        var found: [(value: Double, valueStart: Int, end: Int)] = []
        var index = 0
        while index < scalars.count {
            if let statement = statement(in: scalars, at: index) {
                found.append(statement)
                index = statement.end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The statement starting at `start`: its value, where the value's word starts and the index after it.
    private static func statement(
        in scalars: [Unicode.Scalar], at start: Int
    ) -> (value: Double, valueStart: Int, end: Int)? {
        if start > 0, isWordScalar(scalars[start - 1]) { return nil }
        for key in keys {
            let keyScalars = Array(key.unicodeScalars)
            guard start + keyScalars.count <= scalars.count,
                zip(scalars[start..<start + keyScalars.count], keyScalars).allSatisfy({
                    $0.properties.lowercaseMapping == String($1)
                })
            else { continue }
            var index = start + keyScalars.count
            index = skipSpaces(scalars, from: index)
            guard index < scalars.count, scalars[index] == "=" || scalars[index] == ":" else { return nil }
            index = skipSpaces(scalars, from: index + 1)
            var end = index
            while end < scalars.count, isWordScalar(scalars[end]) || scalars[end] == "." { end += 1 }
            var word = String(String.UnicodeScalarView(scalars[index..<end]))
            if word.hasSuffix(".") {
                word.removeLast()
                end -= 1
            }
            switch word.lowercased() {
            case "true": return (1, index, end)
            case "false": return (0, index, end)
            default:
                guard let number = Double(word), (0...1).contains(number) else { return nil }
                return (number, index, end)
            }
        }
        return nil
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
