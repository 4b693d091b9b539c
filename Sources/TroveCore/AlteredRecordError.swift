/// A stored record's bytes no longer have the SHA-256 recorded when they were imported: the store was
/// damaged or edited. Every command that writes records out checks first and stops with this.
public struct AlteredRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The trajectory's external id.
    public var trajectory: String

    public init(trajectory: String) {
        self.trajectory = trajectory
    }

    /// Throws unless `bytes` have the SHA-256 `sha256` (hex) recorded at import.
    ///
    /// Implementation note: a bit flipped inside a stored record passes the database's own checks, and
    /// `agentinstruct` export promises the imported bytes; the hash is what tells them apart.
    public static func verify(_ bytes: [UInt8], sha256: String?, trajectory: String) throws(AlteredRecordError) {
        guard SHA256.hash(bytes).hexString == sha256 else { throw AlteredRecordError(trajectory: trajectory) }
    }

    public var description: String {
        "trajectory \(TrajectoryReport.visible(trajectory)): its stored bytes no longer match the SHA-256 "
            + "recorded when it was imported (the store was damaged or edited); run `trove check` to list every "
            + "altered record, and restore the store from a copy made with `trove backup`"
    }
}
