/// Bytes a store computed from each message text of a trajectory on an import's reading thread (for the
/// SQLite store, the text's search-index tokens), end to end in message order; a message may have none.
public struct SearchTokens: Sendable {
    /// Every message's bytes, end to end.
    public private(set) var bytes: [UInt8] = []
    /// Where each message's bytes end in ``bytes``.
    private var ends: [Int] = []

    public init() {}

    /// Appends the next message's bytes (none: empty).
    public mutating func append(_ entry: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: entry)
        ends.append(bytes.count)
    }

    /// The bytes of message `index`: empty when it has none.
    public func entry(_ index: Int) -> ArraySlice<UInt8> {
        guard index < ends.count else { return [] }
        return bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }
}
