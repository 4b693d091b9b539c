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
    /// No store exists at the path, and the command does not create one.
    case missing(path: String)
    /// The file is not a trove store: empty, not an SQLite database, or a database trove did not write.
    case notAStore(path: String)
    /// The path names a directory, a FIFO, a device or a socket: a store is a regular file.
    case notAFile(path: String, kind: String)
    /// A new store, built under another name beside `path`, could not be renamed into place.
    case cannotCreate(path: String, reason: String)
    /// A stored row holds a value trove never writes there: the file was damaged. `trajectory` names
    /// the trajectory the row belongs to, when it can be told.
    case damagedRow(trajectory: String?, column: String, stored: String)
    /// A turn label named a message that the trajectory lacks or that is not an agent turn.
    case notAnAgentTurn(trajectory: String, turn: Int)
    /// A correction named an agent turn that makes no step: a context turn (`kind`: the handshake, a turn
    /// of the in-context example), whose text is shared context rather than the run's own.
    case notAStepTurn(trajectory: String, turn: Int, kind: String)

    /// Whether the error is damage to the store's contents (a row that cannot be read), which commands
    /// report as bad data (as they do ``AlteredRecordError``).
    public var isDamage: Bool {
        switch self {
        case .damagedRow: true
        default: false
        }
    }

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
            "\(path) is read-only: nothing can be written to it"
        case .unknownEvent(let id):
            "no label event with id \(id)"
        case .missing(let path):
            "\(path): no such store (only `trove import` and `trove review FILE` create one)"
        case .notAStore(let path):
            "\(path) is not a trove store (it is empty, or not a database trove wrote); nothing was changed"
        case .notAFile(let path, let kind):
            "\(path) is \(kind), not a store: give the store's file (e.g. "
                + (kind == "a directory" ? path + (path.hasSuffix("/") ? "" : "/") + "trove.sqlite)" : "trove.sqlite)")
        case .cannotCreate(let path, let reason):
            "cannot create the store \(path): \(reason)"
        case .damagedRow(let trajectory, let column, let stored):
            "\(trajectory.map { "trajectory \(TrajectoryReport.visible($0))" } ?? "a row") is damaged in the store "
                + "(its \(column) holds \(stored)); run `trove check` to list every damaged row, and restore the store from a copy "
                + "made with `trove backup`"
        case .notAnAgentTurn(let trajectory, let turn):
            "trajectory \(TrajectoryReport.visible(trajectory)) has no agent turn \(turn) (a turn is a message index: "
                + "`trove show \(TrajectoryReport.visible(trajectory)) --json` prints each step's)"
        case .notAStepTurn(let trajectory, let turn, let kind):
            "message \(turn) of trajectory \(TrajectoryReport.visible(trajectory)) is \(TurnLabel.contextTurnName(kind)), "
                + "not a step's agent turn: only the run's steps can be corrected (`trove show "
                + "\(TrajectoryReport.visible(trajectory)) --json` prints each step's message index)"
        }
    }
}
