import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// Review: a corrected turn's decided text follows the team policy (the latest adjudicator's correction,
/// else the latest reviewer's), but the stored parse (steps, the `thought:` filter, exports built from
/// steps) kept the text decided before the adjudicators changed. On both backends it follows.
@Suite struct DecidedCorrectionParseTests {
    @Test(arguments: TestBackend.available)
    func theStoredStepsFollowTheCorrectionAnAdjudicatorPolicyDecides(_ backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([Fixtures.url("import/db-small.jsonl").path])
        let sink: any LabelSink & TeamStore =
            if let postgres = store.postgresStore { postgres } else { try Store.open(path: store.sqlitePath) }
        let lead = "LEAD thought.\nAction: Operation\n```sql\nSELECT 1\n```"
        _ = try sink.setText(lead, turn: 3, of: "db_0", reviewer: "lead", origin: "t")
        _ = try sink.setText(
            "R1 thought.\nAction: Operation\n```sql\nSELECT 2\n```", turn: 3, of: "db_0", reviewer: "r1", origin: "t")
        func firstThought() throws -> String? {
            try store.exportSource().trajectory(id: "db_0", verifyingBytes: false)?.parsed.steps.first?.thought
        }
        #expect(try firstThought() == "R1 thought.")
        try sink.setTeamPolicy(try TeamPolicy(minReviews: 1, consensus: .majority, adjudicators: ["lead"]), by: "a")
        #expect(try firstThought() == "LEAD thought.", "\(backend)")
        #expect(
            try store.rows("SELECT thought FROM step WHERE idx = 0 ORDER BY trajectory_id LIMIT 1") == [
                ["LEAD thought."]
            ])
        try sink.setTeamPolicy(.solo, by: "a")
        #expect(try firstThought() == "R1 thought.", "\(backend)")
        #expect(try store.check().findings.allSatisfy(\.problems.isEmpty))
        // A parse left behind (as before this fix) is a problem `trove check` names.
        try store.execute("UPDATE trajectory SET flags = 'no-answer' WHERE external_id = 'db_0'")
        let steps = try #require(try store.check().findings.first { $0.check == "steps" })
        #expect(steps.problems == ["db_0: \(StoreCheck.staleCorrectedParse)"], "\(backend)")
    }
}
