import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// `trove reparse`: a store keeps the steps and flags an older trove's parser gave; parsing again
/// writes this trove's, from the texts as stored and as corrected, and touches nothing else.
@Suite struct ReparseContractTests {
    @Test(arguments: TestBackend.available)
    func aStaleParseIsWrittenAgainAndEverythingElseStays(_ backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([Fixtures.url("import/db-small.jsonl").path])
        let sink: any LabelSink =
            if let postgres = store.postgresStore { postgres } else { try Store.open(path: store.sqlitePath) }
        _ = try sink.setText(
            "Fixed thought.\nAction: Operation\n```sql\nSELECT 2\n```", turn: 3, of: "db_0", reviewer: "r1",
            origin: "t")
        let parsed = "SELECT external_id, steps, step_count, flags FROM trajectory ORDER BY external_id"
        let flagRows = "SELECT trajectory_id, flag FROM trajectory_flag ORDER BY 1, 2"
        let (stepsBefore, flagsBefore) = (try store.rows(parsed), try store.rows(flagRows))
        let history = "SELECT count(*) FROM label_event UNION ALL SELECT count(*) FROM turn_event"
        let historyBefore = try store.rows(history)
        #expect(try store.reparseAll() == ReparseSummary.examined(stepsBefore.count), "\(backend)")

        // What an older trove left: other steps and flags on the corrected run and on another one.
        try store.execute(
            """
            UPDATE trajectory SET steps = '[]', step_count = 0, flags = 'no-answer'
            WHERE external_id IN ('db_0', 'db_1');
            DELETE FROM trajectory_flag
            """)
        let dryRun = try store.reparseAll(dryRun: true, pageSize: 1)
        #expect(dryRun.changed == 2 && dryRun.stepsChanged == 2 && dryRun.flagsLost == [.noAnswer: 2], "\(backend)")
        #expect(try store.rows(flagRows).isEmpty, "a dry run writes nothing (\(backend))")

        let summary = try store.reparseAll(pageSize: 1)
        #expect(summary == dryRun, "\(backend)")
        #expect(try store.rows(parsed) == stepsBefore, "\(backend)")
        #expect(try store.rows(flagRows) == flagsBefore, "\(backend)")
        #expect(try store.rows(history) == historyBefore, "\(backend)")
        #expect(
            try store.exportSource().trajectory(id: "db_0", verifyingBytes: false)?.parsed.steps.first?.thought
                == "Fixed thought.", "the correction's parse is kept (\(backend))")
        #expect(try store.reparseAll().changed == 0, "\(backend)")
        #expect(try store.check().findings.allSatisfy(\.problems.isEmpty), "\(backend)")
    }
}

extension ReparseSummary {
    /// A summary of `count` trajectories parsed with nothing changed.
    fileprivate static func examined(_ count: Int) -> ReparseSummary {
        var summary = ReparseSummary()
        summary.examined = count
        return summary
    }
}
