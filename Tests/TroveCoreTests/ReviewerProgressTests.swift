import Testing

@testable import TroveCore

@Suite struct ReviewerProgressTests {
    /// QA: 14 trajectories left at 6 an hour printed `2h 21m` while `--json` said 2.33 hours: 14 / 6 * 60
    /// is 140.00000000000003 minutes, which rounding up made 141.
    @Test func aWholeMinuteUpToRoundingErrorIsThatMinute() {
        #expect(ReviewerProgress.hoursAndMinutes(14.0 / 6) == "2h 20m")
        #expect(ReviewerProgress.hoursAndMinutes(0) == "0h 00m")
        #expect(ReviewerProgress.hoursAndMinutes(125.0 / 60) == "2h 05m")
        // A part of a minute left is a minute more.
        #expect(ReviewerProgress.hoursAndMinutes(61.0 / 3600) == "0h 02m")
        #expect(ReviewerProgress.hoursAndMinutes(1.0 / 3600) == "0h 01m")
        #expect(ReviewerProgress.hoursAndMinutes(30) == "30h 00m")
    }

    @Test func timeLeftIsZeroOnlyForAFinishedQueue() {
        let finished = ReviewerProgress(reviewer: "a", assigned: 3, done: 3, decided: 5, labelsPerHour: nil)
        #expect(finished.hoursLeft == 0)
        // An adjudicator with nothing assigned has no queue to finish, whatever they decided.
        let unassigned = ReviewerProgress(reviewer: "lead", assigned: 0, done: 0, decided: 4, labelsPerHour: 6)
        #expect(unassigned.hoursLeft == nil)
        let working = ReviewerProgress(reviewer: "b", assigned: 20, done: 6, decided: 6, labelsPerHour: 6)
        #expect(working.remaining == 14)
        #expect(working.hoursLeft.map(ReviewerProgress.hoursAndMinutes) == "2h 20m")
        let paceless = ReviewerProgress(reviewer: "c", assigned: 2, done: 0, decided: 0, labelsPerHour: nil)
        #expect(paceless.hoursLeft == nil)
    }
}
