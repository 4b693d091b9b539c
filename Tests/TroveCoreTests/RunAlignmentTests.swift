import Testing
import TroveCore

@Suite struct RunAlignmentTests {
    /// The alignment as text: `l:r=` for a match, `l:r~` for a substitution, `l:-` and `-:r` for gaps.
    private func shape(_ alignment: RunAlignment) -> String {
        alignment.rows.map { row in
            let left = row.left.map(String.init) ?? "-"
            let right = row.right.map(String.init) ?? "-"
            let mark = row.left == nil || row.right == nil ? "" : row.isMatch ? "=" : "~"
            return "\(left):\(right)\(mark)"
        }.joined(separator: " ")
    }

    @Test func identicalRunsMatchEveryStepAndNeverDiverge() {
        let alignment = RunAlignment(leftActions: ["a", "b", "c"], rightActions: ["a", "b", "c"])
        #expect(shape(alignment) == "0:0= 1:1= 2:2=")
        #expect(alignment.firstDivergence == nil)
        #expect(alignment.matchCount == 3)
    }

    @Test func anInsertedStepIsAGapNotAShiftOfEveryLaterStep() {
        // A line diff by position would pair b with x and c with b; the alignment finds the insertion.
        let alignment = RunAlignment(leftActions: ["a", "b", "c", "d"], rightActions: ["a", "x", "b", "c", "d"])
        #expect(shape(alignment) == "0:0= -:1 1:2= 2:3= 3:4=")
        #expect(alignment.firstDivergence == 1)
    }

    @Test func differentStepsAtTheSamePlacePairUpInsteadOfTwoGaps() {
        let alignment = RunAlignment(leftActions: ["a", "b", "c"], rightActions: ["a", "y", "c"])
        #expect(shape(alignment) == "0:0= 1:1~ 2:2=")
        #expect(alignment.firstDivergence == 1)
    }

    @Test func aRunThatRetriesIsAlignedAroundItsExtraSteps() {
        let alignment = RunAlignment(
            leftActions: ["ls", "cat f", "answer 3"], rightActions: ["ls", "cat g", "ls", "cat f", "answer 3"])
        #expect(shape(alignment) == "0:0= -:1 -:2 1:3= 2:4=")
        #expect(alignment.matchCount == 3)
    }

    @Test func stepsOfOneKindPairUpAndTheGapGoesLast() {
        // Two queries then an answer against three queries then an answer: query pairs with query, answer
        // with answer, and of the equal choices the one that pairs the first steps.
        let alignment = RunAlignment(
            leftActions: ["sql a", "answer 1"], rightActions: ["sql b", "sql c", "answer 2"])
        #expect(shape(alignment) == "0:0~ -:1 1:2~")
        #expect(alignment.firstDivergence == 0)
    }

    @Test func emptyRunsAlignToGapsOnly() {
        #expect(shape(RunAlignment(leftActions: [], rightActions: ["a", "b"])) == "-:0 -:1")
        #expect(shape(RunAlignment(leftActions: ["a"], rightActions: [])) == "0:-")
        #expect(RunAlignment(leftActions: [], rightActions: []).rows.isEmpty)
    }

    @Test func middlesBeyondTheCellLimitArePairedByPositionKeepingCommonEnds() {
        let alignment = RunAlignment(
            leftActions: ["a", "p", "q", "z"], rightActions: ["a", "q", "r", "s", "z"], cellLimit: 5)
        #expect(shape(alignment) == "0:0= 1:1~ 2:2~ -:3 3:4=")
    }

    @Test func everyStepOfEachRunAppearsOnceInOrder() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let left = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                ["a", "b", "c"].randomElement(using: &generator)!
            }
            let right = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                ["a", "b", "c"].randomElement(using: &generator)!
            }
            let alignment = RunAlignment(leftActions: left, rightActions: right)
            #expect(alignment.rows.compactMap(\.left) == Array(left.indices))
            #expect(alignment.rows.compactMap(\.right) == Array(right.indices))
            for row in alignment.rows where row.isMatch { #expect(left[row.left!] == right[row.right!]) }
        }
    }

    @Test func actionsCompareByKindIgnoringCaseAndByArgumentIgnoringSpacing() {
        let spaced = Step(
            messageIndex: 3, action: StepAction(kind: "SQL", argument: "SELECT *  FROM t\n LIMIT 3"), parsedBy: .db,
            segments: [])
        let plain = Step(
            messageIndex: 5, action: StepAction(kind: "sql", argument: "SELECT * FROM t LIMIT 3"), parsedBy: .db,
            segments: [])
        let answer = Step(messageIndex: 7, finalAnswer: " 4 ", parsedBy: .db, segments: [Segment(.other, "x")])
        let bare = Step(messageIndex: 9, parsedBy: .raw, segments: [Segment(.other, "I give up.\n")])
        #expect(RunAlignment.normalizedAction(of: spaced) == RunAlignment.normalizedAction(of: plain))
        #expect(RunAlignment.normalizedAction(of: answer) == "answer 4")
        #expect(RunAlignment.normalizedAction(of: bare) == "text I give up.")
        #expect(RunAlignment(left: [spaced, answer], right: [plain, bare]).firstDivergence == 1)
    }
}
