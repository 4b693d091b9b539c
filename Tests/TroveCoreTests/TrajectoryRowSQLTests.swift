import Testing
import TroveCore

@Suite struct TrajectoryRowSQLTests {
    /// The `reviewer_statuses` column reads the same from either dialect's JSON aggregate: spacing
    /// differs (`json_object_agg` writes `{ "ana" : "accepted" }`), an unknown status is left out.
    @Test(arguments: [
        #"{"ana":"accepted","bo":"disputed","cy":"later"}"#,
        #"{ "ana" : "accepted", "bo" : "disputed", "cy" : "later" }"#,
    ])
    func reviewerStatusesReadEitherDialectsAggregate(json: String) {
        #expect(TrajectoryRow.reviewerStatuses(json) == ["ana": .accepted, "bo": .disputed])
    }

    @Test func noReviewerIsNoStatus() {
        #expect(TrajectoryRow.reviewerStatuses(nil).isEmpty)
        #expect(TrajectoryRow.reviewerStatuses("not json").isEmpty)
    }
}
