import Testing
import TroveCore
import TroveUI

/// The sort marker shows on every column, a heading as wide as its column included.
@Suite struct SortMarkerTests {
    @Test(arguments: [false, true])
    func theStepsColumnShowsItsMarker(descending: Bool) throws {
        let store = try ReviewSession.fixtureStore()
        try store.saveReviewState(
            ReviewSessionState(trajectoryID: nil, filter: "", sort: ListSort(column: .steps, descending: descending)),
            for: "tester")
        let session = ReviewSession.run(store, events: [])
        #expect(session.canvas.lines[1].contains(descending ? "STEP▼" : "STEP▲"), "\(session.canvas.lines[1])")
    }
}
