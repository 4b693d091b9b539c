/// Progress of a running import, reported after each committed batch.
public struct ImportProgress: Sendable, Hashable {
    /// The file being read.
    public var file: String
    /// Records read so far from this file.
    public var records: Int
    /// Bytes read so far from this file.
    public var bytes: Int
    /// The file's size, when it is a regular file.
    public var totalBytes: Int?

    public init(file: String, records: Int, bytes: Int, totalBytes: Int?) {
        self.file = file
        self.records = records
        self.bytes = bytes
        self.totalBytes = totalBytes
    }
}
