import TroveCore

/// Errors a ``Store`` raises, each naming what it was working on.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store was written by a newer trove whose schema this one does not know.
    case supersededSchema(path: String)
    /// A store written by an older trove, opened read-only, so it cannot be migrated to this schema.
    case outdatedSchema(path: String, version: Int)
    /// No trajectory has this id.
    case unknownTrajectory(String)
    /// A change was asked of a store opened read-only.
    case readOnly(path: String)
    /// No label event has this id.
    case unknownEvent(Int64)
    /// A read-only open of a store that does not exist.
    case missing(path: String)

    public var description: String {
        switch self {
        case .supersededSchema(let path):
            "\(path): this store was written by a newer version of trove; upgrade trove to open it"
        case .outdatedSchema(let path, let version):
            "\(path): this store has schema version \(version), older than this trove's \(StoreSchema.version), and "
                + "is opened read-only; open it once with write access (any trove command) to upgrade it"
        case .unknownTrajectory(let id):
            "no trajectory with id \(id)"
        case .readOnly(let path):
            "\(path) is read-only: labels cannot be changed"
        case .unknownEvent(let id):
            "no label event with id \(id)"
        case .missing(let path):
            "\(path): no such store"
        }
    }
}
