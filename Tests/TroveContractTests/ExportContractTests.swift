import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveStore
import TroveTestSupport

/// `trove export`, `mix` and `diff` read both backends through one port (``ExportSource``): the same
/// store gives the same bytes on either.
@Suite struct ExportContractTests {
    private let directory = TemporaryDirectory()

    /// The lines `request` writes from `source`, with the result.
    private func export(_ request: ExportRequest, from source: any ExportSource, name: String = "out.jsonl")
        throws -> (bytes: [UInt8], result: ExportResult)
    {
        let output = try JSONLinesWriter(path: directory.path(name))
        let result = try TrajectoryExporter(store: source).export(request, to: output)
        try output.publish()
        return (Array(try Data(contentsOf: URL(fileURLWithPath: output.path))), result)
    }

    private func export(_ request: PreferenceRequest, from source: any ExportSource) throws -> [UInt8] {
        let output = try JSONLinesWriter(path: directory.path("pairs.jsonl"))
        _ = try PreferenceExporter(store: source).export(request, to: output)
        try output.publish()
        return Array(try Data(contentsOf: URL(fileURLWithPath: output.path)))
    }

    /// `export --format agentinstruct` writes each kept record's bytes exactly as they were imported.
    @Test(arguments: TestBackend.available)
    func agentinstructExportIsTheImportedBytes(backend: TestBackend) throws {
        let fixture = Fixtures.url("import/db-small.jsonl").path
        let store = try BackendStore(backend)
        _ = try store.importFiles([fixture], reward: 1)
        let lines = try Data(contentsOf: URL(fileURLWithPath: fixture)).split(separator: UInt8(ascii: "\n"))
        let imported = try store.rows("SELECT source_line FROM trajectory ORDER BY id").map { Int($0[0] ?? "")! }
        #expect(imported.count >= 3)
        let expected = imported.flatMap { Array(lines[$0 - 1]) + [UInt8(ascii: "\n")] }
        let (bytes, result) = try export(
            ExportRequest(
                filter: Filter(nil), policy: .agentTuning(.agentTuning),
                writer: ExportRecordWriter(format: .agentinstruct)),
            from: try store.exportSource())
        #expect(bytes == expected)
        #expect(result.total(.kept) == imported.count)
    }

    /// A record whose stored bytes were changed stops the export before anything is published.
    @Test(arguments: TestBackend.available)
    func anAlteredRecordStopsTheExport(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        _ = try store.importFiles([Fixtures.url("import/db-small.jsonl").path], reward: 1)
        try store.execute("UPDATE trajectory SET original_sha256 = 'not the hash' WHERE external_id = 'db_1'")
        let request = ExportRequest(
            filter: Filter(nil), policy: .agentTuning(.agentTuning), writer: ExportRecordWriter(format: .sharegpt))
        #expect(throws: AlteredRecordError(trajectory: "db_1")) { try export(request, from: try store.exportSource()) }
        #expect(!FileManager.default.fileExists(atPath: directory.path("out.jsonl")))
        #expect(throws: AlteredRecordError(trajectory: "db_1")) {
            try store.exportSource().trajectory(id: "db_1", verifyingBytes: true)
        }
    }

    /// `trove check` passes a store as imported and names each record whose bytes no longer have their
    /// recorded SHA-256, and each turn mask that is not an agent message's.
    @Test(arguments: TestBackend.available)
    func theCheckHashesEveryRecord(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        _ = try store.importFiles([Fixtures.url("import/db-small.jsonl").path])
        let clean = try store.check()
        #expect(clean.isOK, "\(clean.findings.filter { !$0.problems.isEmpty })")
        #expect(clean.findings.map(\.check).contains("records"))
        try store.execute("UPDATE trajectory SET original_sha256 = 'not the hash' WHERE external_id = 'db_1'")
        let altered = try store.check()
        #expect(!altered.isOK)
        #expect(
            altered.findings.first { $0.check == "records" }?.problems == [
                "db_1: its bytes do not match original_sha256"
            ])
        #expect(altered.findings.filter { !$0.problems.isEmpty }.count == 1)
    }

    /// `trove check` names, in the same words on both backends, what was changed behind trove's back
    /// that the commands then trip over: a view dropped (`trove stats` and the others read it), a message
    /// text changed (search and export then disagree with the record), and label times that are not
    /// times (`trove progress` fails on them on PostgreSQL).
    @Test(arguments: TestBackend.available)
    func theCheckNamesSchemaObjectsTextsAndTimesChangedBehindTrovesBack(backend: TestBackend) throws {
        let store = try BackendStore(backend)
        _ = try store.importFiles([Fixtures.url("import/db-small.jsonl").path])
        let clean = try store.check()
        #expect(clean.isOK, "\(clean.findings.filter { !$0.problems.isEmpty })")
        func problems(_ check: String) throws -> [String]? {
            try store.check().findings.first { $0.check == check }?.problems
        }
        try store.execute("DROP VIEW review_assignment")
        #expect(
            try problems("schema objects") == [
                "view review_assignment is missing (the store's migrations create it; trove reads or keeps it)"
            ])

        let text = try #require(try store.rows("SELECT min(id) FROM message_text WHERE hash <> 0").first?.first ?? nil)
        let owner = try store.rows(
            "SELECT t.external_id FROM message_text x JOIN trajectory t ON t.id = x.trajectory_id WHERE x.id = \(text)")
        try store.execute("UPDATE message_text SET text = 'HACKED' WHERE id = \(text)")
        let of = owner.first?.first.flatMap { $0.map { " (of \($0))" } } ?? " (shared)"
        #expect(
            try problems("message texts") == [
                "message_text \(text)\(of): its text does not have the hash stored with it (changed after import)"
            ])

        let times = ["2026-11-30T09:63:00Z", "2026-02-29T10:00:00.000Z", "2024-02-29T10:00:00.123Z", "yesterday"]
        for time in times {
            try store.execute(
                """
                INSERT INTO label_event (trajectory_id, reviewer, at, kind, status, tags, origin)
                SELECT min(id), 'ana', '\(time)', 'label', 'accepted', '[]', 'sql' FROM trajectory
                """)
        }
        let events = try store.rows("SELECT id, at FROM label_event WHERE reviewer = 'ana' ORDER BY id")
            .map { ($0[0] ?? "", $0[1] ?? "") }
        let malformed = events.filter { $0.1 != "2024-02-29T10:00:00.123Z" }.map { id, at in
            "label_event \(id): at '\(at)'"
        }
        // The last event ('yesterday') is ana's label, and so the trajectory's decision.
        let first = try #require(try store.rows("SELECT min(id) FROM trajectory").first?.first ?? nil)
        let expected =
            (malformed + ["label_current \(first): at 'yesterday'", "reviewer_current \(first) of ana: at 'yesterday'"])
            .map { $0 + " is not an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS.sssZ)" }
        #expect(try problems("label times") == expected.sorted())
    }

    /// A reviewed SQLite store (labels by two reviewers, a masked and a corrected turn) and its copy on
    /// PostgreSQL (`trove copy`), or nil without a server.
    private func reviewedStores() throws -> (sqlite: Store, postgres: PostgresStore)? {
        guard let url = TestPostgres.url else { return nil }
        let sqlite = try Store.open(path: directory.path("reviewed.sqlite"), createIfMissing: true)
        _ = try TrajectoryImporter(store: sqlite, options: .init(codec: .init(task: "db", defaultReward: 1)))
            .importFiles([
                Fixtures.url("preferences/runs.jsonl").path, Fixtures.url("groups/db-runs.jsonl").path,
                Fixtures.url("agent-runs/openhands-output.jsonl").path,
            ])
        try sqlite.applyLabel(.accept, to: ["tea_good", "pie_good", "pie_also_good"], reviewer: "ana", origin: "test")
        // A tool-calling run, whose tools every format but agentinstruct writes.
        try sqlite.applyLabel(.accept, to: ["example__repo-2"], reviewer: "ana", origin: "test")
        try sqlite.applyLabel(.reject, to: ["tea_bad"], reviewer: "ana", origin: "test")
        try sqlite.applyLabel(.reject, to: ["pie_good"], reviewer: "ben", origin: "test")
        try sqlite.setTraining(.no, turn: 1, of: "tea_good", reviewer: "ana", origin: "test")
        try sqlite.setText(
            "Corrected.\nAction: Answer\nFinal Answer: [\"X\"]", turn: 3, of: "pie_good", reviewer: "ana",
            origin: "test")
        let schema = TestPostgres.uniqueSchema()
        try PostgresStore.create(url: url, schema: schema) { store in
            _ = try StoreCopy.copy(from: sqlite, to: store)
            try store.continueIdentities()
        }
        return (sqlite, try PostgresStore(url: url, schema: schema))
    }

    /// Every trajectory format, with and without labels and with a split, and both preference formats,
    /// give the same bytes and counts from the same store on SQLite and on PostgreSQL.
    @Test func everyFormatExportsTheSameBytesFromBothBackends() throws {
        guard let (sqlite, postgres) = try reviewedStores() else { return }
        for format in ExportFormat.allCases {
            for withLabels in [false, true] {
                let request = ExportRequest(
                    filter: Filter(nil), policy: .accepted,
                    writer: ExportRecordWriter(format: format, systemPrompt: "Be brief.", withLabels: withLabels))
                let (left, leftResult) = try export(request, from: sqlite)
                let (right, rightResult) = try export(request, from: postgres)
                #expect(!left.isEmpty)
                #expect(left == right, "\(format) with labels \(withLabels)")
                #expect(leftResult == rightResult)
            }
        }
        let split = ExportRequest(
            filter: Filter(nil), policy: .agentTuning(.init(defaultThreshold: 0)),
            writer: ExportRecordWriter(format: .sharegpt), split: .init(name: "valid", fraction: 0.5, seed: 3))
        var outputs: [[UInt8]] = []
        for source in [sqlite as any ExportSource, postgres] {
            let output = try JSONLinesWriter(path: directory.path("train.jsonl"))
            let held = try JSONLinesWriter(path: directory.path("valid.jsonl"))
            _ = try TrajectoryExporter(store: source).export(split, to: output, splitOutput: held)
            try OutputCommit.publish([output, held])
            outputs += try [output, held].map { Array(try Data(contentsOf: URL(fileURLWithPath: $0.path))) }
        }
        #expect(outputs[0] == outputs[2])
        #expect(outputs[1] == outputs[3])
        for filter in [
            "task:db", "status:accepted", "id:tea*", "reward>=1", "has:\"tea\"", "masked", "-status:rejected",
        ] {
            let request = ExportRequest(
                filter: try Filter.parse(filter), policy: .agentTuning(.init(defaultThreshold: 0)),
                writer: ExportRecordWriter(format: .sharegpt, withLabels: true))
            let (left, leftResult) = try export(request, from: sqlite)
            let (right, rightResult) = try export(request, from: postgres)
            #expect(!left.isEmpty, "\(filter)")
            #expect(left == right, "\(filter)")
            #expect(leftResult == rightResult, "\(filter)")
        }
        for (format, pairs) in [(PreferenceFormat.dpo, PairSource.both), (.kto, .runs)] {
            let request = PreferenceRequest(filter: Filter(nil), policy: .accepted, format: format, pairs: pairs)
            let left = try export(request, from: sqlite)
            #expect(!left.isEmpty)
            #expect(left == (try export(request, from: postgres)), "\(format)")
            if format == .kto { #expect(String(decoding: left, as: UTF8.self).contains("\"tools\": [{")) }
        }
    }

    /// What `diff` and `mix` read of one trajectory, and the ids a mix's policy keeps, are the same on
    /// both backends.
    @Test func trajectoriesAndKeptIdsAreTheSameOnBothBackends() throws {
        guard let (sqlite, postgres) = try reviewedStores() else { return }
        for id in ["tea_good", "pie_good", "tea_bad"] {
            let left = try sqlite.trajectory(id: id, verifyingBytes: true)
            #expect(left != nil)
            #expect(left == (try postgres.trajectory(id: id, verifyingBytes: true)))
        }
        #expect(try postgres.trajectory(id: "absent", verifyingBytes: false) == nil)
        let policy = ExportPolicy.agentTuning(.init(defaultThreshold: 0))
        let kept = try TrajectoryExporter(store: sqlite).keptTrajectories(matching: Filter(nil), policy: policy)
        #expect(!kept.isEmpty)
        #expect(
            kept.map(\.id)
                == (try TrajectoryExporter(store: postgres).keptTrajectories(matching: Filter(nil), policy: policy))
                .map(\.id))
        #expect(try sqlite.teamPolicy() == postgres.teamPolicy())
    }
}
