/// Why a mix could not make a pool or read an example from it.
public enum MixPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A pool's file could not be opened or read.
    case unreadable(RecordReadError)
    /// Records of a pool's files that do not decode, each with its file and line, in file order.
    case undecodable([RecordRejection])
    /// A trajectory the policy kept was gone from the store when the mix came to read it.
    case vanished(String)

    public var description: String {
        switch self {
        case .unreadable(let error):
            error.description
        case .undecodable(let records):
            "\(Plural.counted(records.count, "record")) \(records.count == 1 ? "does" : "do") not decode, the first "
                + "at \(records.first.map { "\($0.location)" } ?? "?")"
        case .vanished(let id):
            "trajectory \(TrajectoryReport.visible(id)) left the store while the mix was being written"
        }
    }
}
