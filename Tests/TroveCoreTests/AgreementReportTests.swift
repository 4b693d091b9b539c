import Testing

@testable import TroveCore

@Suite struct AgreementReportTests {
    static func judge(
        _ unit: String, _ task: String, _ reviewer: String, _ decision: AgreementJudgement.Decision?,
        _ reward: Double? = nil
    ) -> AgreementJudgement {
        AgreementJudgement(unit: unit, task: task, reviewer: reviewer, decision: decision, reward: reward)
    }

    /// Three reviewers; u4 has one decision and u6 none, so neither is a decision unit. Expected values
    /// computed with Python's `fractions`: decision alpha 1/5, reward alpha -1/7, db 1/3, os 0.
    static let judgements = [
        judge("u1", "db", "a", .accept, 1), judge("u1", "db", "b", .accept, 0.5), judge("u1", "db", "c", .reject),
        judge("u2", "db", "b", .reject), judge("u2", "db", "a", .reject),
        judge("u3", "os", "a", .accept), judge("u3", "os", "c", .accept),
        judge("u4", "os", "b", .accept, 1), judge("u4", "os", "c", nil),
        judge("u5", "os", "a", .accept, 0), judge("u5", "os", "b", .reject, 1), judge("u5", "os", "c", nil, 0.5),
        judge("u6", "kg", "a", nil), judge("u6", "kg", "b", nil),
    ]

    @Test func measuresDecisionsRewardsPairsAndTasks() throws {
        let report = AgreementReport(judgements: Self.judgements)
        #expect(report.units == 4)
        #expect(abs(try #require(report.decision.value) - 1.0 / 5.0) < 1e-9)
        #expect(report.rewardUnits == 2)
        #expect(abs(try #require(report.reward.value) + 1.0 / 7.0) < 1e-9)
        #expect(report.pairs.map { [$0.first, $0.second] } == [["a", "b"], ["a", "c"], ["b", "c"]])
        #expect(report.pairs.map(\.shared) == [3, 2, 1])
        #expect(abs(try #require(report.pairs[0].kappa) - 0.4) < 1e-9)
        #expect(report.pairs[1].kappa == 0)
        #expect(report.tasks.map(\.task) == ["db", "os"])
        #expect(report.tasks.map(\.units) == [2, 2])
        #expect(abs(try #require(report.tasks[0].decisionAlpha) - 1.0 / 3.0) < 1e-9)
        #expect(report.tasks[1].decisionAlpha == 0)
        let interval = try #require(report.decision.interval)
        #expect(interval.lowerBound <= interval.upperBound)
        #expect(report.reward.interval != nil)
    }

    @Test func theSameJudgementsInAnyOrderGiveTheSameReport() {
        let report = AgreementReport(judgements: Self.judgements)
        #expect(AgreementReport(judgements: Self.judgements.reversed()) == report)
        #expect(AgreementReport(judgements: Self.judgements.shuffled()) == report)
    }

    @Test func noUnitsGiveNullsNotNaN() {
        let report = AgreementReport(judgements: [Self.judge("u1", "db", "a", .accept)])
        #expect(
            JSONWriter.string(report.json)
                == #"{"units": 0, "decision": {"alpha": null, "alpha_ci": null, "pairs": []}, "#
                + #""reward": {"alpha": null, "alpha_ci": null, "units": 0}, "by_task": {}}"#)
    }

    @Test func everyoneAcceptingGivesAnUndefinedAlphaAndKappa() throws {
        let judgements = ["u1", "u2"].flatMap { unit in ["a", "b"].map { Self.judge(unit, "db", $0, .accept) } }
        let report = AgreementReport(judgements: judgements)
        #expect(report.units == 2)
        #expect(report.decision == AgreementReport.Alpha(value: nil, interval: nil))
        #expect(report.pairs == [AgreementReport.Pair(first: "a", second: "b", kappa: nil, shared: 2)])
        #expect(
            JSONWriter.string(report.json)
                == #"{"units": 2, "decision": {"alpha": null, "alpha_ci": null, "pairs": [{"reviewers": ["a", "b"], "#
                + #""kappa": null, "n": 2}]}, "reward": {"alpha": null, "alpha_ci": null, "units": 0}, "#
                + #""by_task": {"db": {"decision_alpha": null, "units": 2}}}"#)
        #expect(report.text.contains("— undefined"))
    }

    @Test func jsonHasTheIssuesShapeAndValues() throws {
        let report = AgreementReport(judgements: Self.judgements)
        let object = try #require(try JSONParser.parse(Array(JSONWriter.string(report.json).utf8)).objectValue)
        #expect(object.members.map(\.key) == ["units", "decision", "reward", "by_task"])
        let decision = try #require(object["decision"]?.objectValue)
        #expect(decision.members.map(\.key) == ["alpha", "alpha_ci", "pairs"])
        let interval = try #require(decision["alpha_ci"]?.arrayValue)
        #expect(interval.count == 2)
        let pair = try #require(decision["pairs"]?.arrayValue?.first?.objectValue)
        #expect(pair.members.map(\.key) == ["reviewers", "kappa", "n"])
        #expect(pair["reviewers"] == .array(["a", "b"]))
        #expect(pair["n"] == .number("3"))
        let reward = try #require(object["reward"]?.objectValue)
        #expect(reward.members.map(\.key) == ["alpha", "alpha_ci", "units"])
        let tasks = try #require(object["by_task"]?.objectValue)
        #expect(tasks.members.map(\.key) == ["db", "os"])
        #expect(tasks["os"] == .object(["decision_alpha": .number("0"), "units": .number("2")]))
    }

    @Test func textAlignsTheTablesAndMakesNamesInert() {
        let judgements =
            Self.judgements + [
                Self.judge("u7", "db\u{1B}[31m", "a", .accept), Self.judge("u7", "db\u{1B}[31m", "b\nx", .reject),
            ]
        let text = AgreementReport(judgements: judgements, resamples: 0).text
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("db\\e[31m"))
        #expect(text.contains("b\\nx"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Agreement over 5 trajectories decided by two or more reviewers")
        #expect(lines[2] == "                           alpha  95% interval  units")
        #expect(lines[3].hasPrefix("decision (accept/reject)"))
        #expect(lines[3].hasSuffix("      —      5"))
    }

    @Test func fixedRoundsToThreePlaces() {
        #expect(AgreementReport.fixed(113.0 / 152.0) == "0.743")
        #expect(AgreementReport.fixed(-6.0 / 65.0) == "-0.092")
        #expect(AgreementReport.fixed(-0.0004) == "0.000")
        #expect(AgreementReport.fixed(1) == "1.000")
        #expect(AgreementReport.fixed(nil) == "—")
    }
}
