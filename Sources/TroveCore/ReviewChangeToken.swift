/// How both stores make ``TrajectorySource/changeToken()`` of its parts.
public enum ReviewChangeToken {
    /// The token of `parts`: label batches, import runs, replaced records and trajectories (their
    /// largest ids), team policies (their largest id) and assignments (their number), in that order.
    /// Every part only grows, and each is weighted by a positive constant, so any change to one makes a
    /// larger token (short of wrapping around `Int64`, past any store's size).
    public static func combining(_ parts: [Int64]) -> Int64 {
        precondition(parts.count == weights.count, "a change token has \(weights.count) parts")
        return zip(parts, weights).reduce(0) { $0 &+ $1.0 &* $1.1 }
    }

    private static let weights: [Int64] = [1_000_003, 7919, 104_729, 1, 1_299_709, 15_485_863]
}
