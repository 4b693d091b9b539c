/// Two runs of one task aligned step by step by what the agent did, so that a reader sees where they part.
///
/// Each step is reduced to its normalized action (``normalizedAction(of:)``), and the two action
/// sequences are aligned globally (Needleman-Wunsch): equal actions pair up, a step of one run may pair
/// with a different step of the other (a substitution), and a step may stand alone (a gap). Common
/// leading and trailing steps are matched first, so two long runs that differ in a few steps cost little.
///
/// ```swift
/// let alignment = RunAlignment(left: good.parsed.steps, right: bad.parsed.steps)
/// for row in alignment.rows {
///     print(row.left.map(String.init) ?? "-", row.right.map(String.init) ?? "-", row.isMatch ? "=" : "≠")
/// }
/// alignment.firstDivergence  // the index in rows of the first row that is not a match, nil when none
/// ```
public struct RunAlignment: Sendable, Hashable {
    /// One line of the alignment: a step of either run or of both, by index in its run's steps.
    public struct Row: Sendable, Hashable {
        /// The step of the left run, nil when this row is a gap on the left.
        public var left: Int?
        /// The step of the right run, nil when this row is a gap on the right.
        public var right: Int?
        /// Both runs took the same normalized action here.
        public var isMatch: Bool

        public init(left: Int?, right: Int?, isMatch: Bool) {
            self.left = left
            self.right = right
            self.isMatch = isMatch
        }
    }

    /// The aligned steps in order; every step of each run appears exactly once, in its order.
    public let rows: [Row]

    /// The index in ``rows`` of the first row that is not a match; nil when the runs took the same actions.
    public var firstDivergence: Int? { rows.firstIndex { !$0.isMatch } }

    /// How many rows are matches.
    public var matchCount: Int { rows.count { $0.isMatch } }

    /// The most cells the alignment's score table may have (about 16 MB of directions); beyond it the
    /// unmatched middles are paired by position, which stays linear for runs of any length.
    public static let defaultCellLimit = 1 << 24

    /// Aligns the steps of two runs.
    ///
    /// - parameter cellLimit: the largest product of the two unmatched middles' lengths aligned by
    ///   dynamic programming; longer middles are paired by position.
    public init(left: [Step], right: [Step], cellLimit: Int = RunAlignment.defaultCellLimit) {
        self.init(
            leftActions: left.map(Self.normalizedAction(of:)), rightActions: right.map(Self.normalizedAction(of:)),
            cellLimit: cellLimit)
    }

    /// Aligns two sequences of normalized actions (see ``normalizedAction(of:)``).
    public init(leftActions: [String], rightActions: [String], cellLimit: Int = RunAlignment.defaultCellLimit) {
        var prefix = 0
        while prefix < leftActions.count, prefix < rightActions.count, leftActions[prefix] == rightActions[prefix] {
            prefix += 1
        }
        var suffix = 0
        while suffix < leftActions.count - prefix, suffix < rightActions.count - prefix,
            leftActions[leftActions.count - 1 - suffix] == rightActions[rightActions.count - 1 - suffix]
        {
            suffix += 1
        }
        var rows = (0..<prefix).map { Row(left: $0, right: $0, isMatch: true) }
        let leftMiddle = Array(leftActions[prefix..<(leftActions.count - suffix)])
        let rightMiddle = Array(rightActions[prefix..<(rightActions.count - suffix)])
        let middle =
            leftMiddle.count * rightMiddle.count <= cellLimit
            ? Self.globalAlignment(leftMiddle, rightMiddle) : Self.positionalAlignment(leftMiddle, rightMiddle)
        rows += middle.map { row in
            Row(left: row.left.map { $0 + prefix }, right: row.right.map { $0 + prefix }, isMatch: row.isMatch)
        }
        for offset in 0..<suffix {
            rows.append(
                Row(
                    left: leftActions.count - suffix + offset, right: rightActions.count - suffix + offset,
                    isMatch: true))
        }
        self.rows = rows
    }

    /// What a step did, in a form where two runs doing the same thing compare equal: the action's kind in
    /// lower case and its argument with runs of white space made one space, trimmed; for a step without
    /// an action, `answer` and its final answer, else its whole turn's text likewise.
    public static func normalizedAction(of step: Step) -> String {
        if let action = step.action { return action.kind.lowercased() + " " + collapsedSpace(action.argument) }
        if let answer = step.finalAnswer { return "answer " + collapsedSpace(answer) }
        return "text " + collapsedSpace(step.segments.map(\.text).joined())
    }

    private static func collapsedSpace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: - Alignment

    private static let matchScore = 2
    /// Two different actions of one kind (two SQL queries, two searches).
    private static let sameKindScore = 0
    private static let mismatchScore = -1
    private static let gapScore = -1

    /// The kind of a normalized action: its first word.
    private static func kind(_ action: String) -> Substring {
        action.prefix { $0 != " " }
    }

    /// The traceback directions of one cell.
    private enum Move: UInt8 {
        case diagonal, up, left
    }

    /// Needleman-Wunsch over the two sequences: a match scores 2, two different actions of one kind 0,
    /// other substitutions and gaps -1 each, so a pair of different steps is preferred to two gaps and a
    /// match to anything. Among equal alignments the pairs come first and the gaps last: the table is
    /// filled over the reversed sequences, whose traceback (preferring a pair, then a left step alone)
    /// ends at the runs' first steps.
    private static func globalAlignment(_ forwardLeft: [String], _ forwardRight: [String]) -> [Row] {
        let (left, right) = (Array(forwardLeft.reversed()), Array(forwardRight.reversed()))
        let (leftKinds, rightKinds) = (left.map(kind), right.map(kind))
        let width = right.count + 1
        var moves = [Move](repeating: .diagonal, count: (left.count + 1) * width)
        var previous = (0...right.count).map { $0 * gapScore }
        var current = previous
        for j in 1..<width { moves[j] = .left }
        for i in stride(from: 1, through: left.count, by: 1) {
            current[0] = i * gapScore
            moves[i * width] = .up
            for j in stride(from: 1, through: right.count, by: 1) {
                let similarity =
                    left[i - 1] == right[j - 1]
                    ? matchScore : leftKinds[i - 1] == rightKinds[j - 1] ? sameKindScore : mismatchScore
                let pair = previous[j - 1] + similarity
                let up = previous[j] + gapScore
                let side = current[j - 1] + gapScore
                if pair >= up && pair >= side {
                    (current[j], moves[i * width + j]) = (pair, .diagonal)
                } else if up >= side {
                    (current[j], moves[i * width + j]) = (up, .up)
                } else {
                    (current[j], moves[i * width + j]) = (side, .left)
                }
            }
            swap(&previous, &current)
        }
        var rows: [Row] = []
        var (i, j) = (left.count, right.count)
        while i > 0 || j > 0 {
            switch moves[i * width + j] {
            case .diagonal:
                rows.append(Row(left: i - 1, right: j - 1, isMatch: left[i - 1] == right[j - 1]))
                (i, j) = (i - 1, j - 1)
            case .up:
                rows.append(Row(left: i - 1, right: nil, isMatch: false))
                i -= 1
            case .left:
                rows.append(Row(left: nil, right: j - 1, isMatch: false))
                j -= 1
            }
        }
        // Rows of the reversed sequences from their end: the forward runs' rows from their start.
        return rows.map { row in
            Row(
                left: row.left.map { left.count - 1 - $0 }, right: row.right.map { right.count - 1 - $0 },
                isMatch: row.isMatch)
        }
    }

    /// Step `k` of one run beside step `k` of the other, the longer run's rest alone.
    private static func positionalAlignment(_ left: [String], _ right: [String]) -> [Row] {
        (0..<max(left.count, right.count)).map { index in
            let leftIndex = index < left.count ? index : nil
            let rightIndex = index < right.count ? index : nil
            return Row(
                left: leftIndex, right: rightIndex,
                isMatch: leftIndex != nil && rightIndex != nil && left[index] == right[index])
        }
    }
}
