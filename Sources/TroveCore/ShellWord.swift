/// A text written as one word a POSIX shell (bash, zsh) reads back unchanged, that is also inert on a
/// terminal: what trove prints when it suggests a command line (`--where 'task:os has:"ls -la"'`).
public enum ShellWord {
    /// `text` in single quotes when every character shows as itself, else in ANSI-C quotes (`$'…'`)
    /// with escapes for the characters that would not: tabs and line ends, the other controls, the
    /// line and paragraph separators and format characters (bidi controls, zero-width spaces). Either
    /// way, pasting the word into bash or zsh gives the program exactly `text`.
    public static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else {
            return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }
        var word = "$'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": word += #"\t"#
            case "\n": word += #"\n"#
            case "\r": word += #"\r"#
            case "\u{1B}": word += #"\e"#
            case "\\": word += #"\\"#
            case "'": word += #"\'"#
            case _ where needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                word +=
                    scalar.value <= 0xFFFF
                    ? #"\u"# + String(repeating: "0", count: 4 - hex.count) + hex
                    : #"\U"# + String(repeating: "0", count: 8 - hex.count) + hex
            default: word.unicodeScalars.append(scalar)
            }
        }
        return word + "'"
    }

    /// Whether `scalar` needs an escape: tabs and line ends too, which would break the line.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        !TrajectoryReport.showsAsItself(scalar)
    }
}
