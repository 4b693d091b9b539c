/// Removes white space between JSON tokens, leaving strings untouched: how `agentinstruct` export puts
/// a record that spans lines (a pretty-printed JSON array's element) on one JSONL line.
public enum JSONCompactor {
    private static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    /// The bytes unchanged when they hold no line break, else compacted onto one line.
    public static func compactIfMultiline(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0A) || bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var scanner = StructureScanner()
        for byte in bytes {
            if !scanner.inString, whitespace.contains(byte) { continue }
            out.append(byte)
            scanner.feed(byte)
        }
        return out
    }

    /// Whether two records' bytes are one record in the layouts export and import meet: equal once each
    /// that spans lines is compacted. A record exported by `agentinstruct` from a pretty-printed file
    /// and the file's record are then the same record, so importing either after the other skips it
    /// instead of calling it a conflict.
    public static func sameRecord(_ stored: [UInt8], _ read: [UInt8]) -> Bool {
        stored == read || compactIfMultiline(stored) == compactIfMultiline(read)
    }
}
