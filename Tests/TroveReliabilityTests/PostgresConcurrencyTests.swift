import Foundation
import Testing
import TroveCore
import TrovePostgres
import TroveTestSupport

/// Issue 14, "Measured", on a PostgreSQL store: many reviewer processes labelling at once lose and
/// duplicate nothing and every commit reaches a listener within a second; a bulk `trove label --where`
/// killed with SIGKILL keeps every change it acknowledged and stores no change by halves.
/// At the issue's size (16 reviewers × 200 labels, 20 kills) with `TROVE_RELIABILITY_SCALE=full`.
@Suite(.serialized, .enabled(if: TestPostgres.url != nil, TestPostgres.skipMessage))
struct PostgresConcurrencyTests {
    static let reviewers = ReliabilityScale.full ? 16 : 4
    static let labelsPerReviewer = ReliabilityScale.full ? 200 : 20
    static let labelKills = ReliabilityScale.full ? 20 : 3

    @Test func reviewerProcessesLabellingAtOnceLoseNothingAndNotifyWithinASecond() throws {
        let url = TestPostgres.url ?? ""
        let schema = TestPostgres.uniqueSchema()
        let store = TestPostgres.storeURL(schema: schema)
        let directory = TemporaryDirectory()
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: Self.labelsPerReviewer, to: input)
        #expect(try TroveProcess.run(["import", "--store", store, "--quiet", input]) == .exited(0))

        let listener = try NotificationListener(url: url, schema: schema)
        let counter = Counter()
        let started = Date()
        // Every reviewer labels every trajectory, so the processes contend for the same rows.
        let threads = (0..<Self.reviewers).map { reviewer in
            Thread {
                for index in 0..<Self.labelsPerReviewer {
                    let result = try? TroveBinary.run([
                        "label", "--store", store, Corpus.id(index), Self.decision(reviewer, index).flag,
                        "--reviewer", "r\(reviewer)",
                    ])
                    counter.add(result?.status == 0 ? 1 : 0, failure: result.map { $0.stderr } ?? "could not run")
                }
            }
        }
        for thread in threads { thread.start() }
        while threads.contains(where: { !$0.isFinished }) { usleep(10_000) }
        let wall = Date().timeIntervalSince(started)
        let delays = try listener.finish(expecting: Self.reviewers * Self.labelsPerReviewer)

        #expect(counter.succeeded == Self.reviewers * Self.labelsPerReviewer, "\(counter.failures.prefix(3))")
        let connection = try PostgresConnection(url: store)
        let perReviewer = try connection.execute(
            "SELECT reviewer, count(*), count(DISTINCT trajectory_id) FROM label_event GROUP BY reviewer")
        #expect(perReviewer.rowCount == Self.reviewers)
        for row in 0..<perReviewer.rowCount {
            let reviewer = try perReviewer.string(row, 0) ?? "?"
            #expect(try perReviewer.integer(row, 1) == Int64(Self.labelsPerReviewer), "\(reviewer): events")
            #expect(try perReviewer.integer(row, 2) == Int64(Self.labelsPerReviewer), "\(reviewer): trajectories")
        }
        let current = try connection.execute(
            "SELECT r.reviewer, t.external_id, r.status FROM reviewer_current r JOIN trajectory t ON t.id = r.trajectory_id"
        )
        #expect(current.rowCount == Self.reviewers * Self.labelsPerReviewer)
        let expected = Dictionary(
            uniqueKeysWithValues: (0..<Self.reviewers).flatMap { reviewer in
                (0..<Self.labelsPerReviewer).map { index in
                    ("r\(reviewer) \(Corpus.id(index))", Self.decision(reviewer, index).status)
                }
            })
        let wrong = try (0..<current.rowCount).filter { row in
            let key = "\(try current.string(row, 0) ?? "") \(try current.string(row, 1) ?? "")"
            return expected[key] != (try current.string(row, 2))
        }
        #expect(wrong.isEmpty, "\(wrong.count) reviewer labels are not the reviewer's last change")
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(delays.unseen == 0, "\(delays.unseen) label changes never notified")
        #expect(delays.maximum < 1, "slowest notification \(delays.maximum) s after the change")

        let labels = Self.reviewers * Self.labelsPerReviewer
        print(
            "reliability: \(Self.reviewers) reviewer processes × \(Self.labelsPerReviewer) labels on PostgreSQL: "
                + "\(labels) labels in \(String(format: "%.1f", wall)) s (\(String(format: "%.0f", Double(labels) / wall)) "
                + "labels/s), none lost or duplicated; notify delay max \(String(format: "%.0f", delays.maximum * 1000)) "
                + "ms, p50 \(String(format: "%.0f", delays.median * 1000)) ms")
    }

    @Test func bulkLabelKilledAtRandomMomentsKeepsAcknowledgedChangesWhole() throws {
        let schema = TestPostgres.uniqueSchema()
        let store = TestPostgres.storeURL(schema: schema)
        let directory = TemporaryDirectory()
        let input = directory.path("corpus.jsonl")
        let total = ReliabilityScale.full ? 2000 : 400
        Corpus.writeJSONL(count: total, to: input)
        #expect(try TroveProcess.run(["import", "--store", store, "--quiet", input]) == .exited(0))
        let connection = try PostgresConnection(url: store)
        func batches() throws -> Int {
            Int(try connection.execute("SELECT count(*) FROM label_batch").integer(0, 0) ?? -1)
        }
        // Each change flips every trajectory, so each batch must hold exactly `total` events.
        func arguments(_ batch: Int) -> [String] {
            ["label", "--store", store, "--where", "id:*", batch % 2 == 0 ? "--accept" : "--reject", "--yes"]
        }
        let started = Date()
        #expect(try TroveProcess.run(arguments(0)) == .exited(0))
        let span = Date().timeIntervalSince(started)

        var acknowledgedLost = 0
        var killedBeforeCommit = 0
        var storedUnacknowledged = 0
        var acknowledgedCount = 0
        for seed in 1...Self.labelKills {
            var random = SeededGenerator(seed: UInt64(seed))
            let before = try batches()
            let log = directory.path("label-\(seed).log")
            let process = try TroveProcess(arguments(before), log: log)
            // Up to half a span past the end of an unkilled run, so that some kills land after the commit.
            usleep(UInt32(Double.random(in: 0.05...1.5, using: &random) * span * 1_000_000))
            process.kill()
            let outcome = process.wait()
            let after = try batches()
            // The command prints its one line only after the commit: output without an error is the acknowledgement.
            let printed = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let acknowledged = !printed.isEmpty && !printed.hasPrefix("trove:")
            if acknowledged, after != before + 1 { acknowledgedLost += 1 }
            if acknowledged { acknowledgedCount += 1 }
            if case .killed = outcome, !acknowledged {
                if after == before { killedBeforeCommit += 1 } else { storedUnacknowledged += 1 }
            }
            #expect(after == before || after == before + 1, "seed \(seed): \(after - before) batches from one command")
            let split = try connection.execute(
                "SELECT b.id FROM label_batch b WHERE (SELECT count(*) FROM label_event e WHERE e.batch = b.id) <> $1",
                [.integer(Int64(total))])
            #expect(split.rowCount == 0, "seed \(seed): \(split.rowCount) batches stored by halves")
            let check = try TroveBinary.run(["check", "--store", store])
            #expect(check.status == 0, "seed \(seed): \(check.stdout)\(check.stderr)")
        }
        #expect(acknowledgedLost == 0)
        #expect(killedBeforeCommit >= 1)
        print(
            "reliability: \(Self.labelKills) SIGKILLs of `trove label --where` (\(total) trajectories) on PostgreSQL, "
                + "\(killedBeforeCommit) before the commit, \(storedUnacknowledged) after it and before the output, "
                + "\(acknowledgedCount) acknowledged before the kill: no acknowledged change lost, none half-stored")
    }

    private struct Decision {
        var flag: String
        var status: String
    }

    /// What reviewer `reviewer` decides on trajectory `index`: alternating, so neighbours disagree.
    private static func decision(_ reviewer: Int, _ index: Int) -> Decision {
        (reviewer + index) % 2 == 0
            ? Decision(flag: "--accept", status: "accepted") : Decision(flag: "--reject", status: "rejected")
    }
}

/// Listens on the store's change channel on a thread of its own and, for each notification, times
/// every label batch it has not seen yet: notification arrival minus the batch's `at` (written before
/// its commit, so the delay measured is an upper bound of commit-to-notification).
final class NotificationListener: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Int64: Double] = [:]
    private var stopped = false
    private var failure: (any Error)?
    private var thread: Thread?

    struct Delays {
        var maximum: Double
        var median: Double
        var unseen: Int
    }

    init(url: String, schema: String) throws {
        let listening = try PostgresConnection(url: url)
        try listening.listen(PostgresChangeFeed.channel)
        let connections = PostgresConnectionBox(
            listening: listening, reading: try PostgresConnection(url: TestPostgres.storeURL(schema: schema)))
        let thread = Thread { [self] in listen(connections.listening, connections.reading, schema: schema) }
        self.thread = thread
        thread.start()
    }

    private func listen(_ listening: PostgresConnection, _ reading: PostgresConnection, schema: String) {
        var highest: Int64 = 0
        do {
            while !lock.withLock({ stopped }) {
                guard try listening.notifications(timeout: 0.1).contains(where: { $0.payload == schema }) else {
                    continue
                }
                let arrived = Date().timeIntervalSince1970
                // Transactions commit out of id order, but never further apart than the writers running
                // at once: rereading a window below the highest id seen catches the late ones.
                let rows = try reading.execute(
                    "SELECT id, extract(epoch FROM at::timestamptz)::float8 FROM label_batch WHERE id > $1",
                    [.integer(highest - 64)])
                lock.withLock {
                    for row in 0..<rows.rowCount {
                        guard let id = try? rows.integer(row, 0), seen[id] == nil,
                            let at = try? rows.real(row, 1)
                        else { continue }
                        seen[id] = arrived - at
                        highest = max(highest, id)
                    }
                }
            }
        } catch {
            lock.withLock { failure = error }
        }
    }

    /// Waits a second for the last notifications, stops, and returns the delays of the `expected`
    /// batches (`unseen`: how many never arrived).
    func finish(expecting expected: Int) throws -> Delays {
        usleep(1_000_000)
        lock.withLock { stopped = true }
        while thread?.isFinished == false { usleep(10_000) }
        return try lock.withLock {
            if let failure { throw failure }
            let delays = seen.values.sorted()
            return Delays(
                maximum: delays.last ?? .infinity, median: delays.isEmpty ? .infinity : delays[delays.count / 2],
                unseen: expected - delays.count)
        }
    }
}

/// Hands the listener's connections to the one thread that uses them from then on.
private struct PostgresConnectionBox: @unchecked Sendable {
    let listening: PostgresConnection
    let reading: PostgresConnection
}
