/// Why a mix could not read an example from its pool.
public enum MixPoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A trajectory the policy kept was gone from the store when the mix came to read it.
    case vanished(String)

    public var description: String {
        switch self {
        case .vanished(let id):
            "trajectory \(TrajectoryReport.visible(id)) left the store while the mix was being written"
        }
    }
}
