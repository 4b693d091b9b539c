import Foundation

/// Writes a file made of another file's lines repeated.
enum LineCopier {
    /// Writes the lines of `source` again and again into `destination` until it holds `count` lines.
    static func repeatLines(of source: String, count: Int, into destination: String) throws {
        guard FileManager.default.createFile(atPath: destination, contents: nil),
            let output = FileHandle(forWritingAtPath: destination)
        else { throw BenchError.failed("cannot write \(destination)") }
        defer { try? output.close() }
        var written = 0
        do {
            while written < count {
                guard let input = FileHandle(forReadingAtPath: source) else {
                    throw BenchError.failed("cannot read \(source)")
                }
                defer { try? input.close() }
                var copiedThisPass = 0
                while written < count, let chunk = try input.read(upToCount: 1 << 22), !chunk.isEmpty {
                    let lines = chunk.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) }
                    if written + lines <= count {
                        try output.write(contentsOf: chunk)
                        written += lines
                    } else {
                        var needed = count - written
                        let end = chunk.firstIndex { byte in
                            if byte == 0x0a { needed -= 1 }
                            return needed == 0
                        }
                        try output.write(contentsOf: chunk[..<((end ?? chunk.endIndex - 1) + 1)])
                        written = count
                    }
                    copiedThisPass += lines
                }
                guard copiedThisPass > 0 else { throw BenchError.failed("\(source) has no lines") }
            }
        } catch {
            throw BenchError.failed("cannot repeat \(source) into \(destination): \(error)")
        }
    }
}
