/// What `trove export`, `mix` and `diff` read from a store, whatever its backend: the SQLite store and
/// the PostgreSQL store both conform, so the exporters and the commands are written once against it.
///
/// An export reads everything it writes from one ``ExportSnapshot``, so a label set while it runs is
/// either in every count, line and the fingerprint, or in none of them.
///
/// ```swift
/// let fingerprint = try store.readSnapshot { try $0.fingerprint() }
/// ```
public protocol ExportSource {
    /// Calls `body` with a consistent, read-only view of the store and returns what it returns.
    func readSnapshot<T>(_ body: (any ExportSnapshot) throws -> T) throws -> T
    /// How the store derives decisions (`--policy consensus` names it).
    func teamPolicy() throws -> TeamPolicy
    /// One trajectory by its external id, with its parse, label and turn decisions; nil when absent.
    ///
    /// - parameter verifyingBytes: check the record's bytes against the SHA-256 recorded at import
    ///   first, as a command that writes them out does.
    /// - throws: ``AlteredRecordError`` when verifying finds the bytes changed, else what the backend
    ///   throws for a row it cannot read.
    func trajectory(id: String, verifyingBytes: Bool) throws -> StoredTrajectory?
}

/// One consistent, read-only view of a store, as ``ExportSource/readSnapshot(_:)`` hands it out.
///
/// Trajectories are visited in row order (import order), so the same store and request give the same
/// bytes. A `rowID` is the store's own key of a trajectory, valid within the snapshot.
public protocol ExportSnapshot {
    /// The store's fingerprint (``StoreFingerprint``): equal fingerprints mean the same records with the
    /// same labels.
    func fingerprint() throws -> String
    /// Calls `body` with what a policy judges of each trajectory `filter` selects, in row order.
    func forEachCandidate(matching filter: Filter, _ body: (ExportCandidate) throws -> Void) throws
    /// Calls `body` with each trajectory `filter` selects, in row order: its record (without messages;
    /// metadata holds only its `tools` list) and its current label.
    func forEachTrajectory(matching filter: Filter, _ body: (ExportedTrajectory) throws -> Void) throws
    /// The messages of trajectory `rowID` (named `id` in errors), in order.
    func messages(of rowID: Int64, id: String) throws -> [Message]
    /// The `tools` list of trajectory `rowID`'s record, as ``forEachTrajectory(matching:_:)`` gives it in
    /// its metadata; nil when the record names none.
    func tools(of rowID: Int64) throws -> JSONValue?
    /// The turn kind of each message of trajectory `rowID`, in message order.
    func turnKinds(of rowID: Int64, id: String) throws -> [TurnKind]
    /// The record bytes of trajectory `rowID` and the SHA-256 recorded at import (hex); nil when absent.
    func original(of rowID: Int64, id: String) throws -> (bytes: [UInt8], sha256: String)?
    /// The decided turn labels of trajectory `rowID` (``TurnLabel``), by turn.
    func turnLabels(of rowID: Int64) throws -> [TurnLabel]
    /// The row ids of the trajectories some reviewer masked, unmasked or corrected a turn of.
    func trajectoriesWithTurnLabels() throws -> Set<Int64>
    /// The row ids of the trajectories with a decided corrected turn (`turn_label.edited`).
    func trajectoriesWithCorrections() throws -> Set<Int64>
    /// The judgements of the trajectories `filter` selects that at least two reviewers judged, each
    /// with its trajectory's row id, by row id then reviewer.
    func agreementJudgements(matching filter: Filter) throws -> [(rowID: Int64, judgement: AgreementJudgement)]
}

/// One trajectory as a policy judges it: its ids, task, group, decision, effective reward and dialect.
public struct ExportCandidate: Sendable, Hashable {
    public var rowID: Int64
    public var id: String
    public var task: String
    /// The run's task instance (``TaskGroup``), nil when it states no task.
    public var group: String?
    public var status: LabelStatus
    /// The reviewers' reward when set, else the environment's; nil when unknown.
    public var effectiveReward: Double?
    /// The stored dialect; nil when it is not one this trove knows.
    public var dialect: Dialect?

    public init(
        rowID: Int64, id: String, task: String, group: String?, status: LabelStatus, effectiveReward: Double?,
        dialect: Dialect?
    ) {
        self.rowID = rowID
        self.id = id
        self.task = task
        self.group = group
        self.status = status
        self.effectiveReward = effectiveReward
        self.dialect = dialect
    }

    /// What `policy` decides for this trajectory.
    public func outcome(under policy: ExportPolicy) -> ExportOutcome {
        policy.outcome(status: status, effectiveReward: effectiveReward, task: task, dialect: dialect)
    }
}

/// One trajectory as an export writes it: the record without its messages (read on demand with
/// ``ExportSnapshot/messages(of:id:)``), the SHA-256 recorded at import and the current label.
public struct ExportedTrajectory: Sendable {
    public var rowID: Int64
    /// The record: original bytes, source, format, rewards; metadata holds only the `tools` list.
    public var trajectory: Trajectory
    public var dialect: Dialect
    /// The SHA-256 of the record's bytes recorded at import, in hex.
    public var sha256: String
    public var label: ReviewLabel

    public init(rowID: Int64, trajectory: Trajectory, dialect: Dialect, sha256: String, label: ReviewLabel) {
        self.rowID = rowID
        self.trajectory = trajectory
        self.dialect = dialect
        self.sha256 = sha256
        self.label = label
    }

    /// What `policy` decides for this trajectory, as ``ExportCandidate/outcome(under:)`` does for its candidate.
    public func outcome(under policy: ExportPolicy) -> ExportOutcome {
        policy.outcome(
            status: label.status, effectiveReward: label.reward ?? trajectory.environmentReward, task: trajectory.task,
            dialect: dialect)
    }

    /// The record's `tools` list (JSON text from its metadata) as the only metadata member an export reads.
    public static func tools(_ json: String?) -> JSONObject {
        guard let json, let tools = try? JSONParser.parse(Array(json.utf8)) else { return JSONObject() }
        return JSONObject([.init(key: "tools", value: tools)])
    }

    /// The record's `tools` list itself (JSON text from its metadata); nil when it names none.
    public static func toolList(_ json: String?) -> JSONValue? {
        guard let tools = tools(json)["tools"], tools != .null else { return nil }
        return tools
    }
}
