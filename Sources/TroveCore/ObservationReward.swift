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
        guard mayState(text) else { return nil }
        return statements(in: Array(text.unicodeScalars)).last?.value
    }

    /// `text` with the value of every reward statement in it replaced by `hidden`
    /// (`Episode finished, reward = hidden`), for a blind reviewer, whom the stated reward would sway.
    public static func redacted(_ text: String) -> String {
        redacted(text, after: "", continues: false)
    }

    /// `piece`, a piece of a longer text, with the value of every reward statement in it replaced by
    /// `hidden`, as ``redacted(_:)`` reads the whole text: `before` is (the end of) the text just before
    /// the piece, so a statement whose value starts or goes on in the piece is found. When the text
    /// `continues` after the piece, a statement at its end whose value the piece cuts hides what it has
    /// of the value too, whatever that reads (`reward = Tr`): the rest may make it one.
    ///
    /// ```swift
    /// ObservationReward.redacted("ue. Done.", after: "finished, reward = Tr")  // "hidden. Done."
    /// ObservationReward.redacted("finished, reward = Tr", continues: true)  // "finished, reward = hidden"
    /// ```
    public static func redacted(_ piece: String, after before: String = "", continues: Bool = false) -> String {
        if before.isEmpty, !continues, !mayState(piece) { return piece }
        let lead = before.unicodeScalars.count
        let scalars = Array(before.unicodeScalars) + Array(piece.unicodeScalars)
        var found = statements(in: scalars).map { (valueStart: $0.valueStart, end: $0.end) }
        if continues {
            // A value the piece ends in may go on past it (`reward = 0.` of `0.5`).
            if let last = found.last, scalars[last.end...].allSatisfy({ isWordScalar($0) || $0 == "." }) {
                found[found.count - 1].end = scalars.count
            } else if let open = openStatement(in: scalars, after: found.last?.end ?? 0) {
                found.append(open)
            }
        }
        found.removeAll { $0.end <= lead || $0.valueStart == $0.end }
        guard !found.isEmpty else { return piece }
        var out = String.UnicodeScalarView()
        var index = lead
        for statement in found {
            out.append(contentsOf: scalars[index..<max(index, statement.valueStart)])
            out.append(contentsOf: "hidden".unicodeScalars)
            index = statement.end
        }
        out.append(contentsOf: scalars[index...])
        return String(out)
    }

    /// The statement the end of `scalars` may be the start of, found at or after `start`: a key and its
    /// `=` or `:`, then a value word that reaches the end (the next piece may finish it); its value's
    /// start and end.
    private static func openStatement(in scalars: [Unicode.Scalar], after start: Int) -> (valueStart: Int, end: Int)? {
        var end = scalars.count
        while end > start, isWordScalar(scalars[end - 1]) || scalars[end - 1] == "." { end -= 1 }
        let valueStart = end
        var index = end
        while index > start, scalars[index - 1] == " " || scalars[index - 1] == "\t" { index -= 1 }
        guard index > start, scalars[index - 1] == "=" || scalars[index - 1] == ":" else { return nil }
        index -= 1
        while index > start, scalars[index - 1] == " " || scalars[index - 1] == "\t" { index -= 1 }
        guard keyScalars.contains(where: { index - $0.count >= start && isKey($0, in: scalars, at: index - $0.count) })
        else { return nil }
        return (valueStart, scalars.count)
    }

    /// Every statement in `scalars`, in order: its value, where the value's word starts and where it ends.
    private static func statements(in scalars: [Unicode.Scalar]) -> [(value: Double, valueStart: Int, end: Int)] {
        var found: [(value: Double, valueStart: Int, end: Int)] = []
        var index = 0
        while index < scalars.count {
            // Only a key's first letter can start one: the rest of a text is stepped over.
            if keyStarts.contains(scalars[index]), let statement = statement(in: scalars, at: index) {
                found.append(statement)
                index = statement.end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The first letters of ``keys``, in both cases.
    private static let keyStarts = Set(keys.flatMap { [$0, $0.uppercased()] }.compactMap(\.unicodeScalars.first))

    /// The statement starting at `start`: its value, where the value's word starts and the index after it.
    private static func statement(
        in scalars: [Unicode.Scalar], at start: Int
    ) -> (value: Double, valueStart: Int, end: Int)? {
        for key in keyScalars where isKey(key, in: scalars, at: start) {
            var index = start + key.count
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

    /// Whether `text` may hold a statement, read from its UTF-8 bytes without building a scalar: a key
    /// in any ASCII case, `=` or `:` between spaces or tabs, and a value that starts as one does (a digit,
    /// `.`, `true`, `false`). No scalar outside ASCII has a key's letter or a value's as its lower case
    /// but the Kelvin sign, so a text this finds nothing in states nothing; one it finds something in
    /// is read in full.
    private static func mayState(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayState)
    }

    private static func mayState(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func lower(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] | 0x20 : 0 }
        func spaces(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
                index += 1
            }
            return index
        }
        func spells(_ word: String, at start: Int) -> Bool {
            word.utf8.enumerated().allSatisfy { lower(start + $0.offset) == $0.element }
        }
        for start in bytes.indices where lower(start) == UInt8(ascii: "r") || lower(start) == UInt8(ascii: "s") {
            guard let key = keys.first(where: { spells($0, at: start) }) else { continue }
            var index = spaces(from: start + key.utf8.count)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") || bytes[index] == UInt8(ascii: ":") else {
                continue
            }
            index = spaces(from: index + 1)
            guard index < bytes.count else { continue }
            let first = bytes[index]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: ".")
                || spells("true", at: index) || spells("false", at: index)
            {
                return true
            }
        }
        return false
    }

    /// ``keys`` as scalars.
    private static let keyScalars = keys.map { Array($0.unicodeScalars) }

    /// Whether `key` starts at `start` in `scalars`, in any case and not as the end of a longer word.
    /// A key's letters are ASCII, and only their ASCII capitals have them as lower case (``mayState(_:)``).
    private static func isKey(_ key: [Unicode.Scalar], in scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + key.count <= scalars.count,
            zip(scalars[start..<start + key.count], key).allSatisfy({ scalar, lower in
                scalar == lower || (scalar.value >= 0x41 && scalar.value <= 0x5A && scalar.value + 0x20 == lower.value)
            })
        else { return false }
        return start == 0 || !isWordScalar(scalars[start - 1])
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
