/// An archive whose entries are records, read by an import: an Inspect `.eval` log (a zip of
/// `header.json` and one JSON file per sample).
public protocol RecordArchive {
    /// The task the archive's header names, used for its records.
    var task: String? { get }
    /// How many records the archive holds.
    var sampleCount: Int { get }
    /// Record `index`, read whole.
    func record(at index: Int) throws(RecordReadError) -> RawRecord
    /// The name record `index` is reported under (the archive and the entry).
    func file(at index: Int) -> String
}

/// Tells archives from record files and opens them; the store module that reads zip files provides it.
public struct RecordArchiveOpener: Sendable {
    public var isArchive: @Sendable (String) -> Bool
    public var open: @Sendable (String) throws(RecordReadError) -> any RecordArchive

    public init(
        isArchive: @escaping @Sendable (String) -> Bool,
        open: @escaping @Sendable (String) throws(RecordReadError) -> any RecordArchive
    ) {
        self.isArchive = isArchive
        self.open = open
    }
}
