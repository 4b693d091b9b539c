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
            out += "\nthe lines are the same; only how they end differs: " + endChanges(original, corrected) + "\n"
        }
        return out
    }

    /// `line 1 CRLF → LF, line 3 LF → none`: the lines whose ends differ (the first five, then how many
    /// more), as imported → corrected.
    static func endChanges(_ original: String, _ corrected: String) -> String {
        let (old, new) = (ends(original), ends(corrected))
        let changed = (0..<max(old.count, new.count)).filter { index in
            (index < old.count ? old[index] : "none") != (index < new.count ? new[index] : "none")
        }
        let named = changed.prefix(5).map { index in
            "line \(index + 1) \(index < old.count ? old[index] : "none") → \(index < new.count ? new[index] : "none")"
        }
        return named.joined(separator: ", ") + (changed.count > 5 ? " and \(changed.count - 5) more" : "")
    }

    /// How each line of `text` ends: `CRLF`, `LF`, `CR`, or `none` for a last line with no break.
    private static func ends(_ text: String) -> [String] {
        var ends: [String] = []
        var pending = false  // a line has begun since the last break
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                if previousCR { ends[ends.count - 1] = "CRLF" } else { ends.append("LF") }
                pending = false
            case "\r":
                ends.append("CR")
                pending = false
            default:
                pending = true
            }
            previousCR = scalar == "\r"
        }
        if pending { ends.append("none") }
        return ends
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
