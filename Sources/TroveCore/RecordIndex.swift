#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The positions of the records in a set of files, so records can be sampled
/// and read back one at a time without holding their text.
///
/// ```swift
/// let index = try RecordIndex(paths: ["sharegpt.json"])
/// let record = try index.record(at: 42)   // bytes, line, offset
/// ```
public final class RecordIndex {
    /// One record's place: which file, where it starts, how long it is, its line.
    public struct Entry: Sendable, Hashable {
        public var file: Int32
        public var offset: Int
        public var length: Int32
        public var line: Int32
    }

    /// The files, in the order given.
    public let paths: [String]
    /// Every record, file by file, in file order.
    public private(set) var entries: [Entry] = []
    private var descriptors: [Int32] = []

    /// Reads every file once to find its records, keeping those `include`
    /// accepts (all by default).
    ///
    /// Contract:
    /// - Records are read back by position, so only a file that can be read twice is indexed: standard
    ///   input (`-`) and a pipe, socket or terminal (a named FIFO, `<(…)`) are refused before anything is
    ///   read from them, with the same reason.
    /// - A gzip or zstd file's offsets are positions in its decompressed content, so its records are read
    ///   back from a ``DecompressedCopy`` made once it is indexed (unnamed, freed when the index is): a
    ///   record of a compressed file reads back as the same record of its uncompressed content.
    ///
    /// - throws: ``RecordReadError`` when a file cannot be opened or read.
    public init(paths: [String], include: (RawRecord, String) -> Bool = { _, _ in true }) throws(RecordReadError) {
        self.paths = paths
        for (fileNumber, path) in paths.enumerated() {
            if let reason = Self.unsampleable(path) { throw .cannotOpen(path: path, reason: reason) }
            let reader = try RecordReader(path: path)
            while let record = try reader.next() {
                guard include(record, path) else { continue }
                entries.append(
                    Entry(
                        file: Int32(fileNumber), offset: record.offset, length: Int32(record.bytes.count),
                        line: Int32(record.line)))
            }
            // The offsets are in the decompressed content; the copy's descriptor below keeps it alive.
            let copy = reader.isCompressed ? try DecompressedCopy(of: path) : nil
            let descriptor = open(copy?.path ?? path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            descriptors.append(descriptor)
        }
    }

    /// Why `path` cannot be read back by position: standard input and the streams that, like it, give
    /// their bytes once; nil for anything else (a file that is not there is left to the reader to name).
    static func unsampleable(_ path: String) -> String? {
        let reason = "standard input cannot be sampled"
        guard path != "-" else { return reason }
        guard StreamInput.isStream(path) else { return nil }
        return "a pipe, like standard input, cannot be sampled (records are read back by position); "
            + "save it to a file first"
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    /// How many records the files hold.
    public var count: Int { entries.count }

    /// The record at `position` (0-based, in file order), read back from its file.
    public func record(at position: Int) throws(RecordReadError) -> RawRecord {
        let entry = entries[position]
        var bytes = [UInt8](repeating: 0, count: Int(entry.length))
        let descriptor = descriptors[Int(entry.file)]
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(entry.offset + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw .readFailed(path: paths[Int(entry.file)], reason: "the file changed while it was being mixed")
            }
            done += count
        }
        return RawRecord(bytes: bytes, line: Int(entry.line), offset: entry.offset)
    }

    /// The path of the file a record comes from.
    public func path(of position: Int) -> String { paths[Int(entries[position].file)] }
}
