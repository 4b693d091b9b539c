import Testing

@testable import TroveCore

@Suite struct MixPlanTests {
    @Test func totalGivesExactCountsAtTheRatio() throws {
        let plan = try MixPlan(agentPool: 200, generalPool: 500, eta: 0.2, size: .total(1000), seed: 1)
        let picks = plan.picks()
        #expect(picks.count == 1000)
        #expect(picks.filter { if case .agent = $0 { true } else { false } }.count == 200)
        #expect(plan.achievedRatio == 0.2)
        #expect(plan.generalEpochs == 1.6)
    }

    @Test func eachEpochUsesEveryExampleOnceBeforeAnyRepeats() throws {
        let plan = try MixPlan(agentPool: 7, generalPool: 5, eta: 0.5, size: .total(40), seed: 3)
        let agent = plan.picks().compactMap { if case .agent(let i) = $0 { i } else { nil } }
        #expect(agent.count == 20)
        for epoch in stride(from: 0, to: 14, by: 7) { #expect(Set(agent[epoch..<epoch + 7]) == Set(0..<7)) }
        #expect(Set(agent[14...]).count == 6)
    }

    @Test func aPoolUsedMoreThanThreeTimesIsWarnedAbout() throws {
        let plan = try MixPlan(agentPool: 100, generalPool: 5, eta: 0.2, size: .total(1000), seed: 1)
        #expect(plan.repetitionWarnings.count == 1)
        #expect(
            plan.repetitionWarnings.first?.hasPrefix("the general pool is used 160.0 times (5 examples for 800") == true
        )
        let gentle = try MixPlan(agentPool: 100, generalPool: 300, eta: 0.2, size: .total(1000), seed: 1)
        #expect(gentle.repetitionWarnings.isEmpty)
    }

    @Test func aRepeatedTrajectoryGetsANumberedIdInItsRecordToo() throws {
        let record = Array(#"{"id": "db_1", "conversations": [], "extra": 1}"#.utf8)
        let trajectory = Trajectory(
            id: "db_1", task: "db", source: SourceLocation(file: "f", line: 1),
            format: RecordFormat(listKey: "conversations", style: .fromValue), messages: [], originalRecord: record)
        #expect(trajectory.repeated(1) == trajectory)
        let second = trajectory.repeated(2)
        #expect(second.id == "db_1#2")
        #expect(try JSONParser.parse(second.originalRecord).objectValue?["id"] == .string("db_1#2"))
        #expect(try JSONParser.parse(second.originalRecord).objectValue?["extra"] == .number("1"))
    }

    @Test func agentEpochsSizeTheMixFromTheAgentPool() throws {
        let plan = try MixPlan(agentPool: 1866, generalPool: 60_000, eta: 0.2, size: .agentEpochs(2), seed: 0)
        #expect(plan.agentCount == 3732)
        #expect(plan.total == 18_660)
        #expect(plan.agentEpochs == 2)
    }

    @Test func theSameSeedGivesTheSameMixAndAnotherSeedAnother() throws {
        let a = try MixPlan(agentPool: 50, generalPool: 80, eta: 0.2, size: .total(300), seed: 9).picks()
        let b = try MixPlan(agentPool: 50, generalPool: 80, eta: 0.2, size: .total(300), seed: 9).picks()
        let c = try MixPlan(agentPool: 50, generalPool: 80, eta: 0.2, size: .total(300), seed: 10).picks()
        #expect(a == b)
        #expect(a != c)
    }

    @Test func badPlansAreRefused() {
        #expect(throws: MixPlanError.etaOutOfRange(1)) {
            try MixPlan(agentPool: 1, generalPool: 1, eta: 1, size: .total(5), seed: 0)
        }
        #expect(throws: MixPlanError.emptyPool("agent")) {
            try MixPlan(agentPool: 0, generalPool: 9, eta: 0.2, size: .total(5), seed: 0)
        }
        #expect(throws: MixPlanError.emptyMix) {
            try MixPlan(agentPool: 3, generalPool: 9, eta: 0.2, size: .total(0), seed: 0)
        }
        #expect(throws: MixPlanError.emptyPool("agent")) {
            try MixPlan(agentPool: 0, generalPool: 9, eta: 0.2, size: .agentEpochs(1), seed: 0)
        }
        // Review: infinite or huge epochs, or a tiny eta, trapped converting to Int (exit 132).
        #expect(throws: MixPlanError.tooLarge(examples: .infinity)) {
            try MixPlan(agentPool: 3, generalPool: 9, eta: 0.2, size: .agentEpochs(.infinity), seed: 0)
        }
        #expect(throws: MixPlanError.tooLarge(examples: 3e19 / 0.2)) {
            try MixPlan(agentPool: 3, generalPool: 9, eta: 0.2, size: .agentEpochs(1e19), seed: 0)
        }
        #expect(throws: MixPlanError.tooLarge(examples: 3 / 1e-12)) {
            try MixPlan(agentPool: 3, generalPool: 9, eta: 1e-12, size: .agentEpochs(1), seed: 0)
        }
        #expect(throws: (any Error).self) {
            try MixPlan(agentPool: 3, generalPool: 9, eta: 0.2, size: .total(Int.max), seed: 0)
        }
    }
}

@Suite struct StratifiedSplitTests {
    @Test func everyTaskGivesItsRoundedShareDeterministically() {
        let items =
            (0..<100).map { (key: $0, task: "db") } + (100..<120).map { (key: $0, task: "os") }
            + (120..<123).map { (key: $0, task: "kg") }
        let held = StratifiedSplit.choose(fraction: 0.1, seed: 5, items: items)
        #expect(held.filter { $0 < 100 }.count == 10)
        #expect(held.filter { $0 >= 100 && $0 < 120 }.count == 2)
        #expect(held.filter { $0 >= 120 }.isEmpty)
        #expect(StratifiedSplit.choose(fraction: 0.1, seed: 5, items: items.reversed()) == held)
        #expect(StratifiedSplit.choose(fraction: 0.1, seed: 6, items: items) != held)
    }
}
