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

    /// QA: `trajectory_flag` rows deleted behind trove's back passed `check`, `reparse` said `0 changed`, and
    /// `flag:` filters missed the runs. `check` names them; `reparse` writes the rows again.
    @Test(arguments: TestBackend.available)
    func flagRowsThatAreNotTheFlagsColumnAreNamedAndWrittenAgain(_ backend: TestBackend) throws {
        let store = try BackendStore(backend)
        try store.importFiles([Fixtures.url("dialects/db.json").path])
        let flagRows = "SELECT trajectory_id, flag FROM trajectory_flag ORDER BY 1, 2"
        let before = try store.rows(flagRows)
        #expect(!before.isEmpty)
        #expect(try store.check().isOK, "\(backend)")
        try store.execute("DELETE FROM trajectory_flag WHERE flag = 'no-answer'")
        let damaged = try store.check()
        let problems = damaged.findings.first { $0.check == "flags" }?.problems ?? []
        #expect(!damaged.isOK && problems.count == 1, "\(backend): \(problems)")
        #expect(problems.first?.contains("its trajectory_flag rows are not its flags column") == true)
        #expect(try store.reparseAll().changed == 1, "\(backend)")
        #expect(try store.rows(flagRows) == before, "\(backend)")
        #expect(try store.check().isOK, "\(backend)")
    }
}
