import Testing

@testable import TroveCore

@Suite struct SyntheticTrajectoriesTests {
    private func records(_ count: Int, seed: UInt64, tasks: [String] = []) throws -> [Trajectory] {
        var synth = SyntheticTrajectories(seed: seed, tasks: tasks)
        return try (0..<count).map { index in
            try TrajectoryCodec().decode(RawRecord(bytes: synth.next(), line: index + 1), file: "synth.jsonl")
        }
    }

    @Test func theSameSeedGivesTheSameBytes() {
        var a = SyntheticTrajectories(seed: 4)
        var b = SyntheticTrajectories(seed: 4)
        var c = SyntheticTrajectories(seed: 5)
        let first = (0..<20).map { _ in a.next() }
        #expect(first == (0..<20).map { _ in b.next() })
        #expect(first != (0..<20).map { _ in c.next() })
    }

    @Test func everyTaskAppearsAndParsesWithItsOwnDialect() throws {
        let trajectories = try records(600, seed: 1)
        #expect(Set(trajectories.map(\.task)) == ["os", "db", "alfworld", "webshop", "kg", "mind2web"])
        for trajectory in trajectories {
            let parsed = StepParser.parse(trajectory.messages, task: nil)
            #expect(parsed.dialect.rawValue == trajectory.task, "\(trajectory.id)")
            #expect(!parsed.flags.contains(.rawFallback), "\(trajectory.id)")
            for step in parsed.steps {
                #expect(step.segments.map(\.text).joined() == trajectory.messages[step.messageIndex].text)
            }
        }
    }

    @Test func recordsCarryAgentInstructLossFlagsAndTheQuirks() throws {
        let os = try records(5, seed: 2, tasks: ["os"])
        #expect(os.allSatisfy { $0.id.hasPrefix("os_") })
        #expect(os.allSatisfy { $0.messages.contains { $0.text.contains("\u{1B}]0;root@") } })
        let db = try records(20, seed: 2, tasks: ["db"])
        for trajectory in db {
            #expect(trajectory.messages[1].loss == false)
            #expect(trajectory.messages.filter { $0.role == .instruction }.allSatisfy { $0.loss == nil })
            #expect(trajectory.messages.dropFirst(2).filter { $0.role == .agent }.allSatisfy { $0.loss == true })
        }
    }
}
