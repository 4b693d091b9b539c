/// A store's fingerprint, as export manifests record it: SHA-256 over every trajectory's id, record
/// hash, current label event and latest turn event (left out when it has none, so a store without turn
/// labels keeps the fingerprint it had), in row order. Equal fingerprints mean the same records with
/// the same labels. Each backend feeds it the same rows.
///
/// ```swift
/// var fingerprint = StoreFingerprint()
/// fingerprint.add(id: "db_0", sha256: "9f86…", labelEvent: 3, turnEvent: 0)
/// let hex = fingerprint.hexString
/// ```
public struct StoreFingerprint {
    private var hasher = SHA256()

    public init() {}

    /// Adds one trajectory; `labelEvent` and `turnEvent` are 0 when it has none.
    public mutating func add(id: String, sha256: String, labelEvent: Int64, turnEvent: Int64) {
        let line = "\(id)\t\(sha256)\t\(labelEvent)" + (turnEvent > 0 ? "\t\(turnEvent)" : "") + "\n"
        hasher.update(Array(line.utf8))
    }

    /// The SHA-256 of everything added, in hex.
    public var hexString: String {
        var copy = hasher
        return copy.finalize().hexString
    }
}
