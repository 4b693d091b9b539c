import ArgumentParser
import TroveCore

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write realistic synthetic AgentInstruct trajectories, for benchmarks and demos at scale.",
        discussion: """
            Records look like the released AgentInstruct data in all six task dialects (os, db, alfworld, webshop, \
            kg, mind2web): each task's prompt, handshake and in-context example, its thought/action grammar, turn \
            counts and lengths close to the real splits, terminal escapes in OS output, long WebShop pages, Mind2Web \
            HTML, CJK and emoji, and the quirks the parser must handle. The same --seed gives the same bytes. \
            Ids are TASK_N (os_0, db_0, …) whatever the seed, as AgentInstruct's are: files of two seeds share \
            ids, so import each into a store of its own (in one store the second is conflicts).

            Examples:
              trove synth --count 100000 --seed 1 --out synth.jsonl
              trove synth --size 1GB --out big.jsonl
              trove synth --count 50 --task os --task kg --out -
            """)

    @Option(help: ArgumentHelp("How many records.", valueName: "n"))
    var count: Int?

    @Option(help: ArgumentHelp("Stop once the output reaches this size (e.g. 500MB, 1GB).", valueName: "size"))
    var size: String?

    @OptionGroup var seedOptions: SeedOptions

    @Option(name: .customLong("task"), help: ArgumentHelp("Only this task (repeatable).", valueName: "task"))
    var tasks: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file; - is standard output.", valueName: "file"))
    var out: String = "-"

    var sizeLimit: Int? {
        get throws {
            guard let size else { return nil }
            let units: [(String, Int)] = [("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("B", 1)]
            for (suffix, factor) in units where size.uppercased().hasSuffix(suffix) {
                if let value = Double(size.dropLast(suffix.count)), value > 0 { return Int(value * Double(factor)) }
            }
            if let value = Int(size), value > 0 { return value }
            throw ValidationError("--size takes a size like 500MB or 1GB, got \(size)")
        }
    }

    func validate() throws {
        if count == nil, size == nil { throw ValidationError("give --count or --size") }
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        _ = try sizeLimit
        let known = Set(SyntheticTrajectories.taskWeights.map(\.task))
        for task in tasks where !known.contains(task) {
            throw ValidationError(
                "unknown task '\(task)' (tasks: \(SyntheticTrajectories.taskWeights.map(\.task).joined(separator: ", ")))"
            )
        }
    }

    func run() throws {
        var synth = SyntheticTrajectories(seed: seedOptions.seed, tasks: tasks)
        let limit = try sizeLimit
        do throws(OutputError) {
            let output = try JSONLinesWriter(path: out)
            var written = 0
            while count.map({ written < $0 }) ?? true, limit.map({ output.bytesWritten < $0 }) ?? true {
                try output.write(line: synth.next())
                written += 1
            }
            try output.publish()
            if out != "-" {
                Console.error(
                    "wrote \(Plural.counted(written, "record")) (\(Plural.counted(output.bytes, "byte"))) to \(out)")
            }
        } catch {
            Console.error("trove: \(error)")
            throw ExitCode(TroveExitCode.of(error))
        }
    }
}
