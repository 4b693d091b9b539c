import Foundation
import TroveCore
import ZIPFoundation

/// An Inspect `.eval` log: a zip archive holding `header.json` (the eval's
/// task, model, status) and one `samples/<id>_epoch_<n>.json` per sample,
/// each read as one record. A log kept gzip- or zstd-compressed (`run.eval.gz`,
/// `run.eval.zst`) is read from a ``DecompressedCopy`` (a zip is read from its end).
struct EvalArchive: RecordArchive {
    /// The Inspect task the header names.
    let task: String?
    /// The sample entries, in archive order.
    let samples: [Entry]
    private let archive: Archive
    private let path: String
    /// The decompressed log the archive is read from, when the file is compressed.
    private let copy: DecompressedCopy?

    /// How a zip archive starts (`PK\3\4`).
    private static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether the file at `path` starts as a zip archive does, or is gzip or zstd data that does once
    /// decompressed. False for a stream (a pipe is not read to tell: a zip is read from its end).
    static func isArchive(_ path: String) -> Bool {
        guard !RecordReader.isStream(path), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        if (try? handle.read(upToCount: 4)) == Data(zipMagic) { return true }
        return DecompressedCopy.holds(zipMagic, path: path)
    }

    /// Opens the archive (decompressing a compressed one first) and reads its header.
    ///
    /// - throws: ``RecordReadError`` when the file is not a readable zip archive, or is a compressed one
    ///   cut short (``RecordReadError/truncated(path:line:offset:)``) or corrupt.
    init(path: String) throws(RecordReadError) {
        self.path = path
        copy = DecompressedCopy.holds(Self.zipMagic, path: path) ? try DecompressedCopy(of: path) : nil
        do {
            archive = try Archive(url: URL(fileURLWithPath: copy?.path ?? path), accessMode: .read)
        } catch {
            throw .cannotOpen(path: path, reason: "not a readable zip archive (\(error))")
        }
        samples = archive.filter { $0.type == .file && $0.path.hasPrefix("samples/") && $0.path.hasSuffix(".json") }
        var task: String?
        if let header = archive["header.json"] {
            var bytes = Data()
            _ = try? archive.extract(header) { bytes.append($0) }
            task = (try? JSONParser.parse(Array(bytes)))?.objectValue?["eval"]?.objectValue?["task"]?.stringValue
        }
        self.task = task
    }

    /// The bytes of a sample entry as one record.
    ///
    /// - throws: ``RecordReadError/readFailed(path:reason:)`` when the entry cannot be extracted.
    func record(_ entry: Entry) throws(RecordReadError) -> RawRecord {
        var bytes = Data()
        do {
            _ = try archive.extract(entry) { bytes.append($0) }
        } catch {
            throw .readFailed(path: "\(path):\(entry.path)", reason: "\(error)")
        }
        return RawRecord(bytes: Array(bytes), line: 1)
    }

    /// The name a sample's records are reported under: the archive and the entry.
    func file(of entry: Entry) -> String { "\(path):\(entry.path)" }

    var sampleCount: Int { samples.count }

    func record(at index: Int) throws(RecordReadError) -> RawRecord { try record(samples[index]) }

    func file(at index: Int) -> String { file(of: samples[index]) }
}

extension RecordArchiveOpener {
    /// How an import tells and opens Inspect `.eval` logs (zip archives), for ``ImportPipeline``.
    public static let evalLogs = RecordArchiveOpener(
        isArchive: EvalArchive.isArchive, open: { path throws(RecordReadError) in try EvalArchive(path: path) })
}
