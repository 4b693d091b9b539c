import Foundation
import TroveCore

/// JSON parsing alone: trove's ``TroveCore/JSONParser`` over every line of a file held in memory, timed in
/// this process, against Python's json and orjson over the same lines (bench/python_parse.py).
struct ParseBenchmark {
    let workspace: Workspace
    /// Passes over the lines; the fastest counts.
    let repeats: Int

    func run(file: String, into report: inout Report) throws {
        Progress.log("parsing \(file) with trove's JSONParser")
        let (seconds, bytes) = try troveParse(file)
        let trove = Quantity.rate(bytes: bytes, seconds: seconds)
        guard Spawn.isInstalled("python3") else {
            report.add("JSON parse", trove: trove)
            report.note(Report.noPython)
            return
        }
        Progress.log("parsing \(file) with python json and orjson")
        let output = workspace.path("parse-python.txt")
        let run = try ChildProcess.run(
            ["python3", workspace.toolbox.script("python_parse.py"), file, "--repeat", "\(repeats)"],
            setup: Spawn.Setup(output: output, error: workspace.path("parse-python.log")))
        report.memory("python json/orjson parse (\(Format.bytes(bytes)) in memory)", peakRSS: run.peakRSS)
        let results = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        for line in results {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[1] == "unavailable" {
                report.note(
                    "\(fields[0]) cannot be imported in python3 (pip install \(fields[0])): its peer was skipped")
                continue
            }
            guard fields.count == 3, let peerSeconds = Double(fields[1]), let peerBytes = Int(fields[2]) else {
                throw BenchError.failed("python_parse.py printed \(line.debugDescription)")
            }
            if peerBytes != bytes { report.note("python read \(peerBytes) bytes of lines, trove \(bytes)") }
            let name = fields[0] == "json" ? "python json.loads" : "python orjson.loads"
            report.add(
                "JSON parse, per line", trove: trove, peer: name, .rate(bytes: peerBytes, seconds: peerSeconds),
                target: fields[0] == "orjson" ? .advantage(1) : nil)
        }
    }

    /// The fastest of ``repeats`` passes of `JSONParser.parse` over the file's non-blank lines, after reading
    /// the file into memory and finding the lines (as the Python script does before its clock starts). Bytes
    /// count the line breaks, as Python's do.
    private func troveParse(_ file: String) throws -> (seconds: Double, bytes: Int) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BenchError.failed("cannot read \(file)")
        }
        let bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let end = bytes[lineStart...].firstIndex(of: 0x0a) ?? bytes.count
            if bytes[lineStart..<end].contains(where: { $0 > 0x20 }) { lines.append(lineStart..<end) }
            lineStart = end + 1
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = clock.now
            let objects = try bytes.withUnsafeBufferPointer { (buffer) throws -> Int in
                var objects = 0
                for line in lines {
                    do {
                        if case .object = try JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[line])) {
                            objects += 1
                        }
                    } catch {
                        throw BenchError.failed("trove's JSONParser rejected a line of \(file): \(error)")
                    }
                }
                return objects
            }
            best = min(best, (clock.now - start).seconds)
            guard objects == lines.count else { throw BenchError.failed("\(file) has lines that are not JSON objects") }
        }
        return (best, bytes.count)
    }
}
