import Foundation
import GRDB
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Guarantee 1 of docs/reliability.md: a `trove import` or `trove label` killed with SIGKILL at any
/// moment leaves a valid store, no trajectory half-stored, every acknowledged label kept with its
/// history; a rerun of the import ends with the exact counts.
@Suite(.serialized) struct CrashSafetyTests {
    static let importKills = 20
    /// Label runs go on until this many were killed and some acknowledged, up to ``labelRunLimit`` runs.
    static let labelKills = 20
    static let labelRunLimit = 80

    @Test func importKilledAtRandomPointsLeavesWholeTrajectoriesAndARerunCompletesIt() throws {
        let directory = TemporaryDirectory()
        let input = directory.path("corpus.jsonl")
        let total = 1500
        Corpus.writeJSONL(count: total, to: input)
        func importArguments(_ store: String) -> [String] {
            ["import", "--store", store, "--batch-size", "50", "--quiet", input]
        }
        // An import run to the end gives the span the kill points are drawn from.
        let started = Date()
        #expect(try TroveProcess.run(importArguments(directory.path("whole.sqlite"))) == .exited(0))
        let span = Date().timeIntervalSince(started)

        var killedMidway = 0
        var buildsLeft = 0
        for seed in 1...Self.importKills {
            var random = SeededGenerator(seed: UInt64(seed))
            let store = directory.path("killed-\(seed).sqlite")
            let process = try TroveProcess(importArguments(store))
            usleep(UInt32(Double.random(in: 0.05...1.0, using: &random) * span * 1_000_000))
            process.kill()
            guard case .killed = process.wait() else { continue }
            // After the kill: the file is valid and holds only whole trajectories; the search index covers
            // every text, or the import's build of it is registered for the next writer to finish.
            var stored = 0
            var buildRegistered = false
            if try storeHasSchema(store) {
                let audit = try StoreAudit.of(store)
                #expect(audit.isCleanButForARegisteredBuild, "seed \(seed): \(audit)")
                stored = audit.trajectories
                buildRegistered = audit.searchIndexBuild
                if buildRegistered { buildsLeft += 1 }
            }
            // Midway: some of the records committed, or the import was writing (its search index build
            // registered) when it died, before its first commit: a new store's import commits every eight
            // batches, so under load many kills land before the first commit.
            if (stored > 0 && stored < total) || buildRegistered { killedMidway += 1 }
            // A rerun adds exactly what is missing.
            let rerun = try TroveBinary.run(["import", "--store", store, "--batch-size", "50", input])
            #expect(rerun.status == 0, "seed \(seed): \(rerun.stderr)")
            #expect(rerun.stdout.contains("added      \(total - stored)\n"), "seed \(seed): \(rerun.stdout)")
            #expect(rerun.stdout.contains("skipped    \(stored) "), "seed \(seed): \(rerun.stdout)")
            let audit = try StoreAudit.of(store)
            #expect(audit.isClean, "seed \(seed): \(audit)")
            #expect(!audit.searchIndexBuild, "seed \(seed)")
            #expect(audit.trajectories == total)
        }
        // Most kills land while batches are being written, not before or after the import.
        #expect(killedMidway >= Self.importKills / 4)
        // A new store's import builds its search index apart: kills midway leave that build to the rerun.
        #expect(buildsLeft >= 1)
        print(
            "reliability: \(killedMidway) imports killed midway (\(buildsLeft) leaving a search index build), "
                + "all completed by a rerun")
    }

    @Test func labelRunsKilledAtRandomPointsKeepEveryAcknowledgedLabel() throws {
        let directory = TemporaryDirectory()
        let store = directory.path("store.sqlite")
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: 2 * Self.labelRunLimit, to: input)
        try TroveProcess.run(["import", "--store", store, "--quiet", input])
        func labelArguments(_ run: Int) -> [String] {
            [
                "label", "--store", store, Corpus.id(2 * run), Corpus.id(2 * run + 1), "--accept", "--tag",
                "run-\(run)", "--note", "labelled by run \(run)", "--reviewer", "kill-test",
            ]
        }
        var started = Date()
        #expect(
            try TroveProcess.run(["label", "--store", store, "--where", "task:none", "--accept", "--reviewer", "r"])
                == .exited(0))
        // Kill points are drawn over the span of the last run that finished (stretched after each kill),
        // so they follow the machine's load.
        var span = Date().timeIntervalSince(started)

        var acknowledged: [Int] = []
        var killed = 0
        var runs = 0
        while runs < Self.labelRunLimit, killed < Self.labelKills || acknowledged.count < 5 {
            let run = runs
            runs += 1
            var random = SeededGenerator(seed: UInt64(1000 + run))
            started = Date()
            let process = try TroveProcess(labelArguments(run))
            usleep(UInt32(Double.random(in: 0.2...1.5, using: &random) * span * 1_000_000))
            process.kill()
            switch process.wait() {
            case .exited(0):
                acknowledged.append(run)
                span = Date().timeIntervalSince(started)
            case .killed:
                killed += 1
                span *= 1.1
            case .exited(let status): Issue.record("run \(run) exited \(status)")
            }
            let audit = try StoreAudit.of(store)
            #expect(audit.isClean, "run \(run): \(audit)")
        }
        let reader = try Store.open(path: store, readOnly: true)
        for run in 0..<runs {
            let histories = try [2 * run, 2 * run + 1].map { try reader.labelHistory(of: Corpus.id($0)) }
            let labelled = histories.map {
                $0.contains { $0.label.tags == ["run-\(run)"] && $0.reviewer == "kill-test" }
            }
            // One command, one transaction: both trajectories or neither.
            #expect(labelled[0] == labelled[1], "run \(run) stored half its change")
            if acknowledged.contains(run) {
                #expect(labelled[0], "run \(run) exited 0 but its label is missing")
                #expect(try reader.currentLabel(of: Corpus.id(2 * run)).status == .accepted)
            }
        }
        #expect(killed >= Self.labelKills)
        #expect(acknowledged.count >= 5)
        print("reliability: \(killed) label runs killed, \(acknowledged.count) acknowledged, none lost")
    }

    private func storeHasSchema(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try db.tableExists("trajectory") && db.tableExists("label_current") }
    }
}
