import TroveCore

/// A line diff of a turn's imported text against its correction, for the pager (`d`): each line of
/// the longest common subsequence once, marked `  `, a line only the original has `- `, one only the
/// correction has `+ `, in text order.
enum LineDiff {
    /// The diff's text, under a line naming the turn and the marks. Lines end at `\n` or CRLF, as the
    /// trajectory screen breaks them (``TextWidth/wrap(_:width:)``); control characters of the data are
    /// made visible, as in every text trove pages.
    static func text(from original: String, to corrected: String, turn: Int) -> String {
        // Split on scalars: "\r\n" is one Character, which a split at "\n" would never find.
        let old = TextWidth.lines(of: original).map { String(String.UnicodeScalarView($0.text)) }
        let new = TextWidth.lines(of: corrected).map { String(String.UnicodeScalarView($0.text)) }
        var out = "turn \(turn): - as imported, + corrected\n\n"
        let marked = lines(old, new)
        for (mark, line) in marked { out += mark + TrajectoryReport.visible(line) + "\n" }
        // Lines compared without their ends: a correction that changed only those would show no change.
        if original != corrected, marked.allSatisfy({ $0.mark == "  " }) {
            out +=
                "\nthe lines are the same; only how they end differs: as imported \(lineEnds(original)), "
                + "corrected \(lineEnds(corrected))\n"
        }
        return out
    }

    /// `2 CRLF, 1 LF, ending with a line break`: how the lines of `text` end.
    static func lineEnds(_ text: String) -> String {
        var (crlf, lf, cr) = (0, 0, 0)
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if previous == "\r" {
                    crlf += 1
                    cr -= 1
                } else {
                    lf += 1
                }
            } else if scalar == "\r" {
                cr += 1
            }
            previous = scalar
        }
        let counts = [(crlf, "CRLF"), (lf, "LF"), (cr, "CR")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        let last = text.unicodeScalars.last
        let ending = last == "\n" || last == "\r" ? "ending with a line break" : "no line break at the end"
        return (counts.isEmpty ? ["no line break"] : counts).joined(separator: ", ") + ", " + ending
    }

    /// The marked lines of `old` against `new`, by the longest common subsequence of lines.
    static func lines(_ old: [String], _ new: [String]) -> [(mark: String, line: String)] {
        // Lengths of the common subsequences of every pair of suffixes: O(old × new), fine for one turn.
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [(String, String)] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                out.append(("  ", old[i]))
                (i, j) = (i + 1, j + 1)
            } else if i < old.count, j == new.count || common[i + 1][j] >= common[i][j + 1] {
                // A line the correction drops comes before the one it puts in its place.
                out.append(("- ", old[i]))
                i += 1
            } else {
                out.append(("+ ", new[j]))
                j += 1
            }
        }
        return out
    }
}
