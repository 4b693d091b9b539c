import Foundation

/// The reading half of an import, run on its own thread: it reads records,
/// decodes them and prepares batches (parse, hash, encode) while the calling
/// thread writes the previous batch, so an import uses both cores.
///
/// Items arrive in input order through a queue that holds at most one
/// batch, which bounds memory; rejects and progress travel the same queue so
/// the caller reports them in order, on its own thread.
public final class ImportPipeline: @unchecked Sendable {
    /// What the reader hands over, in input order.
    public enum Item: Sendable {
        /// A record that did not decode.
        case rejected(RecordRejection, RawRecord)
        /// Prepared trajectories, and how far into the file they reach.
        case batch([PreparedTrajectory], ImportProgress)
        /// A file was read to its end: `bytes` were read from it, `records` records (rejected ones
        /// included; none for an empty file).
        case fileDone(path: String, bytes: Int, records: Int)
        /// A file not read to its end, and reading goes on with the next file: a compressed one that ended
        /// before its stream did (``RecordReadError/truncated(path:line:offset:)``) after `bytes` were read
        /// from it, the records before the cut handed over; or one that holds no JSON text
        /// (``RecordReadError/notJSONText(path:reason:)``, `bytes` 0), of which no record was.
        case truncated(RecordReadError, bytes: Int)
        /// A file could not be opened or read; nothing after it comes.
        case failed(RecordReadError)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var batchesQueued = 0
    private var finished = false
    private var cancelled = false
    /// One batch waits while the writer writes another and the reader prepares a third: the writer
    /// bounds an import, so a second waiting batch only held memory (20 MB of a 260 MB peak).
    private static let maximumBatchesQueued = 1
    /// The record bytes at which a batch is handed over even if it has fewer than `batchSize` records.
    private let batchBytes: Int
    /// The reading thread's own: the hashes of the long shared texts it met, from record to record.
    private let sharedTextHashes = SharedTextHashes()

    /// Record bytes per batch, by default: up to three batches are in memory at once (one written, one
    /// queued, one being read), each holding about three times its records' bytes once decoded and prepared.
    ///
    /// Implementation note: 2,000 records of 4 KB held 75 MB of a 200 MB import's 160 MB peak; 4 MB batches
    /// (1,000 such records) held 37 MB less, and records of 50 KB no longer make batches of 100 MB.
    public static let defaultBatchBytes = 4_000_000

    /// Starts reading `paths` on a new thread; a path `archives` recognizes is read as an archive of
    /// records (an Inspect `.eval` log), each sample a record. A batch ends at `batchSize` trajectories or
    /// once its records hold `batchBytes` bytes, whichever comes first.
    public init(
        paths: [String], codec: TrajectoryCodec, batchSize: Int, batchBytes: Int = defaultBatchBytes,
        archives: RecordArchiveOpener?
    ) {
        self.batchBytes = batchBytes
        let thread = Thread { [self] in
            read(paths: paths, codec: codec, batchSize: batchSize, archives: archives)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next item, waiting for it; `nil` once everything was handed over.
    public func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        return takeFirst()
    }

    /// The next item if it is handed over before `deadline`; `nil` when none was by then, or once
    /// everything was handed over (``next()`` tells the two apart).
    public func next(before deadline: Date) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished {
            guard condition.wait(until: deadline) else { break }
        }
        return takeFirst()
    }

    /// The next item, waiting for it as long as `stop` returns false (asked every 0.1 s while nothing
    /// comes); `nil` once everything was handed over, or once `stop` returns true (``isDrained`` tells the
    /// two apart).
    public func next(unless stop: () -> Bool) -> Item? {
        while !stop() {
            condition.lock()
            let deadline = Date(timeIntervalSinceNow: 0.1)
            while items.isEmpty && !finished {
                guard condition.wait(until: deadline) else { break }
            }
            defer { condition.unlock() }
            if !items.isEmpty || finished { return takeFirst() }
        }
        return nil
    }

    /// Whether the reader has finished and every item it queued was taken.
    public var isDrained: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished && items.isEmpty
    }

    /// Takes the first item queued, if any, and makes room for the next batch. Call with `condition` held.
    private func takeFirst() -> Item? {
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        if case .batch = item {
            batchesQueued -= 1
            condition.broadcast()
        }
        return item
    }

    /// Stops the reader (the writer failed) and waits until it has let go of its files.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    // MARK: - Reader thread

    private func read(paths: [String], codec: TrajectoryCodec, batchSize: Int, archives: RecordArchiveOpener?) {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        for path in paths {
            if let archives, archives.isArchive(path) {
                guard readArchive(path, codec: codec, batchSize: batchSize, open: archives.open) else { return }
                continue
            }
            guard readFile(path, codec: codec, batchSize: batchSize) else { return }
        }
    }

    /// Reads a file of records, handing over a batch at `batchSize` trajectories or ``batchBytes``. A file
    /// cut short hands over the records before the cut and the truncation. False once cancelled or failed.
    private func readFile(_ path: String, codec: TrajectoryCodec, batchSize: Int) -> Bool {
        var batch: [PreparedTrajectory] = []
        var bytes = 0
        var records = 0
        var bytesRead = 0
        let totalBytes = Self.fileSize(path)
        var compressed = false
        func handOver() -> Bool {
            let progress = ImportProgress(
                file: path, records: records, bytes: bytesRead, totalBytes: compressed ? nil : totalBytes)
            defer {
                batch.removeAll(keepingCapacity: true)
                bytes = 0
            }
            return put(.batch(batch, progress))
        }
        do {
            // A stream's bytes are kept until its first record is read, so it can be read again as a document.
            var reader = try RecordReader(path: path, keepingBytes: true)
            var first = true
            while let record = try reader.next() {
                (bytesRead, compressed) = (reader.bytesRead, reader.isCompressed)
                // A file whose first record is an event or a bare message is one trajectory: read it
                // again as one document.
                if first, reader.container == .jsonArray, TrajectoryCodec.isDocumentElement(record) {
                    first = false
                    try reader.rewind()
                    reader = try RecordReader(path: path, layout: .document)
                    continue
                }
                if first { reader.stopKeepingBytes() }
                first = false
                records += 1
                do {
                    for trajectory in try codec.decodeAll(record, file: path) {
                        batch.append(PreparedTrajectory(trajectory, sharedTextHashes: sharedTextHashes))
                        bytes += trajectory.originalRecord.count
                    }
                } catch {
                    guard put(.rejected(error, record)) else { return false }
                }
                if batch.count >= batchSize || bytes >= batchBytes, !handOver() { return false }
            }
            bytesRead = reader.bytesRead
            return handOver() && put(.fileDone(path: path, bytes: bytesRead, records: records))
        } catch .truncated(let path, let line, let offset) {
            return handOver() && put(.truncated(.truncated(path: path, line: line, offset: offset), bytes: offset))
        } catch .notJSONText(let path, let reason) {
            return put(.truncated(.notJSONText(path: path, reason: reason), bytes: 0))
        } catch {
            _ = put(.failed(error))
            return false
        }
    }

    /// Reads an Inspect `.eval` archive: each sample is a record, decoded under the header's task. A
    /// compressed archive cut short is handed over as truncated. False once cancelled or failed.
    private func readArchive(
        _ path: String, codec: TrajectoryCodec, batchSize: Int,
        open: (String) throws(RecordReadError) -> any RecordArchive
    ) -> Bool {
        do {
            let archive = try open(path)
            var codec = codec
            codec.options.logTask = archive.task
            var batch: [PreparedTrajectory] = []
            var bytes = 0
            for index in 0..<archive.sampleCount {
                let record = try archive.record(at: index)
                do {
                    for trajectory in try codec.decodeAll(record, file: archive.file(at: index)) {
                        batch.append(PreparedTrajectory(trajectory, sharedTextHashes: sharedTextHashes))
                        bytes += trajectory.originalRecord.count
                    }
                } catch {
                    guard put(.rejected(error, record)) else { return false }
                }
                if batch.count >= batchSize || bytes >= batchBytes || index == archive.sampleCount - 1 {
                    let progress = ImportProgress(file: path, records: index + 1, bytes: 0, totalBytes: nil)
                    guard put(.batch(batch, progress)) else { return false }
                    batch.removeAll(keepingCapacity: true)
                    bytes = 0
                }
            }
            return put(.fileDone(path: path, bytes: Self.fileSize(path) ?? 0, records: archive.sampleCount))
        } catch .truncated(let path, let line, let offset) {
            // A compressed archive cut short: its index is at its end, so none of its samples can be read.
            return put(.truncated(.truncated(path: path, line: line, offset: offset), bytes: offset))
        } catch {
            _ = put(.failed(error))
            return false
        }
    }

    /// Queues an item, waiting while a batch is already queued. False once cancelled.
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .batch = item {
            while batchesQueued >= Self.maximumBatchesQueued && !cancelled { condition.wait() }
            batchesQueued += 1
        }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    private static func fileSize(_ path: String) -> Int? {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }
}
