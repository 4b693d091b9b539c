import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// Issue 13: `trove team`, `trove assign`, `trove progress` and `export --policy consensus`, run as the
/// binary.
@Suite struct TeamCommandTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func trove(_ command: String, _ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run([command, "--store", store] + arguments, in: directory.url.path)
    }

    private func labeledStore() throws {
        let lines = (0..<4).map { index in
            #"{"id": "t\#(index)", "reward": 1, "conversations": [{"from": "human", "value": "q\#(index)"}, {"from": "gpt", "value": "a"}]}"#
        }
        let file = directory.write("t.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try trove("import", [file]).status == 0)
        #expect(try trove("label", ["t0", "t1", "--accept", "--reviewer", "ana"]).status == 0)
        #expect(try trove("label", ["t1", "--reject", "--reviewer", "ben"]).status == 0)
        #expect(try trove("label", ["t0", "--accept", "--reward", "0.5", "--reviewer", "ben"]).status == 0)
    }

    /// A label by id says the team's decision where it is not the label's status (more reviews needed,
    /// reviewers who disagree); a solo store's line is as before.
    @Test func aLabelByIdNamesTheDecisionItDidNotMake() throws {
        try labeledStore()
        #expect(
            try trove("label", ["t2", "--accept", "--reviewer", "ana"]).stdout
                == "labeled 1 trajectory: accepted (by ana)\n")
        _ = try trove("team", ["--min-reviews", "2", "--reviewer", "lead"])
        let pending = try trove("label", ["t3", "--reject", "--reviewer", "ana"])
        #expect(
            pending.stdout
                == "labeled 1 trajectory: rejected (by ana); decision: pending (the team policy: min-reviews 2, "
                + "consensus majority, adjudicators none)\n")
        let both = try trove("label", ["t1", "t2", "--reject", "--reviewer", "cy"])
        #expect(
            both.stdout.hasPrefix("labeled 2 trajectories: rejected (by cy); decisions: 1 disputed"), "\(both.stdout)")
        let agreed = try trove("label", ["t3", "--reject", "--reviewer", "cy"])
        #expect(agreed.stdout == "labeled 1 trajectory: rejected (by cy)\n")
    }

    @Test func teamPrintsSetsAndRecordsThePolicy() throws {
        try labeledStore()
        let shown = try trove("team", [])
        #expect(shown.status == 0)
        #expect(shown.stdout == "team policy: min-reviews 1, consensus majority, adjudicators none\n")
        let set = try trove("team", ["--min-reviews", "2", "--adjudicators", "ben", "--reviewer", "lead"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(
            set.stdout
                == "team policy: min-reviews 2, consensus majority, adjudicators ben (set by lead)\n"
                + "1 decision changed: rejected 0 → 1, disputed 1 → 0\n")
        #expect(try trove("team", []).stdout == "team policy: min-reviews 2, consensus majority, adjudicators ben\n")
        let stats = try trove("stats", [])
        #expect(!stats.stdout.contains("disputed"))
        #expect(
            try trove("team", ["--adjudicators", ""]).stdout.contains(
                "1 decision changed: rejected 1 → 0, disputed 0 → 1"))
        #expect(try trove("stats", []).stdout.contains("disputed"))
        #expect(try trove("team", ["--min-reviews", "0"]).status == 64)
        #expect(try trove("check", []).status == 0)
    }

    @Test func exportByConsensusKeepsDecidedAcceptsWithThePolicysReward() throws {
        try labeledStore()
        let out = directory.path("out.jsonl")
        let exported = try trove(
            "export", ["--policy", "consensus", "--format", "sharegpt", "--with-labels", "--out", out])
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains(#""id": "t0""#) == true || lines.first?.contains(#""id":"t0""#) == true)
        let manifest = try String(contentsOfFile: out + ".manifest.json", encoding: .utf8)
        #expect(manifest.contains("consensus(min-reviews 1, consensus majority, adjudicators none)"))
        // t1 is disputed: agenttuning leaves it out whatever its reward.
        let tuned = try trove("export", ["--policy", "agenttuning", "--dry-run"])
        #expect(tuned.status == 0)
        #expect(tuned.stdout.contains("not-accepted"))
    }

    @Test func assignPrintsEachReviewersLoadAndProgressFollowsTheWork() throws {
        try labeledStore()
        let assigned = try trove("assign", ["--reviewers", "ana,ben,chen", "--per-item", "2", "--seed", "3"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        #expect(assigned.stdout.hasPrefix("4 trajectories in scope, 2 reviewers each\nreviewer     added  assigned\n"))
        let refused = try trove("assign", ["--reviewers", "ana,ben", "--per-item", "3"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--per-item 3 needs at least 3 distinct reviewers; --reviewers names 2"))
        let progress = try trove("progress", [])
        #expect(progress.status == 0)
        #expect(progress.stdout.hasPrefix("reviewer  assigned      done   decided  labels/h  time left\n"))
        #expect(progress.stdout.contains("chen"))
        let json = try JSONParser.parse(Array(try trove("progress", ["--json"]).stdout.utf8))
        let reviewers = try #require(json.objectValue?["reviewers"]?.arrayValue)
        #expect(reviewers.compactMap { $0.objectValue?["reviewer"]?.stringValue } == ["ana", "ben", "chen"])
        let chen = try #require(reviewers.last?.objectValue)
        #expect(chen["done"] == .number("0"))
        #expect(chen["decided"] == .number("0"))
        #expect(chen["labels_per_hour"] == .null)
        #expect(chen["hours_left"] == .null)
    }

    /// QA: an adjudicator who ruled on a disputed trajectory showed `0 0 — 0h 00m`, as if idle and
    /// finished; they have decided one, and with nothing assigned no time is left to show.
    @Test func progressShowsWhatAnAdjudicatorDecided() throws {
        try labeledStore()
        _ = try trove("team", ["--min-reviews", "2", "--adjudicators", "lead", "--reviewer", "lead"])
        #expect(try trove("label", ["t1", "--accept", "--reviewer", "lead"]).status == 0)
        let progress = try trove("progress", [])
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(
            progress.stdout
                == "reviewer  assigned      done   decided  labels/h  time left\n"
                + "ana              0         0         2         —          —\n"
                + "ben              0         0         2         —          —\n"
                + "lead             0         0         1         —          —\n")
        let json = try JSONParser.parse(Array(try trove("progress", ["--json"]).stdout.utf8))
        let lead = try #require(json.objectValue?["reviewers"]?.arrayValue?.last?.objectValue)
        #expect(lead["reviewer"] == .string("lead"))
        #expect(lead["decided"] == .number("1"))
        #expect(lead["hours_left"] == .null)
    }
}
