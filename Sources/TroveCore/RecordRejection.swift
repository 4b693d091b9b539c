/// Why one record was rejected, with the file and line it starts on.
///
/// Its description is the `file:line: reason` form that import prints and
/// writes to the rejects file.
public struct RecordRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var reason: String

    public init(location: SourceLocation, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}
