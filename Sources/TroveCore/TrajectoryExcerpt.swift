/// A trajectory as the review screen reads it: every text cut to a budget of UTF-8 bytes, with the
/// full size of each text that was cut, and neither the original bytes nor metadata too large to show.
///
/// Opening a record costs its budget, not its size: a 300 MB turn arrives as its first 64 KB and the
/// number 300,000,000. The rest of a message's text is read a page at a time
/// (``TrajectorySource/textPage(of:message:bytes:blindReviewer:)``).
public struct TrajectoryExcerpt: Sendable, Hashable {
    /// The trajectory with each text cut at a scalar boundary to at most ``budget`` bytes;
    /// ``Trajectory/originalRecord`` holds the record's first ``budget`` bytes (the `R` view; its full
    /// size is ``cuts``' `.record` when cut), ``Trajectory/metadata`` is empty when the metadata is
    /// larger than the budget (``metadataHead`` then holds its start); a turn a reviewer corrected holds
    /// its corrected text, whole (``StoredTrajectory/turns``). ``Trajectory/outcome`` and
    /// ``Trajectory/environmentRewardSource`` are nil: the list's ``TrajectoryRow`` carries them.
    public var stored: StoredTrajectory
    /// The UTF-8 bytes each text was cut to.
    public var budget: Int
    /// The full size in UTF-8 bytes of each text that was cut.
    public var cuts: [TextPart: Int]
    /// The start of the metadata's JSON text when the whole would not fit the budget; nil otherwise.
    public var metadataHead: String?
    /// The ``TaskGroup`` of the trajectory's task instance, computed from its whole task text (which
    /// the excerpt may have cut).
    public var group: String?

    public init(
        stored: StoredTrajectory, budget: Int, cuts: [TextPart: Int] = [:], metadataHead: String? = nil,
        group: String? = nil
    ) {
        self.stored = stored
        self.budget = budget
        self.cuts = cuts
        self.metadataHead = metadataHead
        self.group = group
    }

    /// A whole trajectory as an excerpt from which nothing was cut.
    public init(_ stored: StoredTrajectory) {
        self.init(stored: stored, budget: Int.max, group: TaskGroup.id(of: stored.trajectory, parsed: stored.parsed))
    }

    /// The full size in bytes of `part`, which holds `text` here: its size before the cut.
    public func size(of part: TextPart, holding text: String) -> Int {
        cuts[part] ?? text.utf8.count
    }
}

/// One text of a trajectory that an excerpt may cut.
public enum TextPart: Hashable, Sendable {
    /// The text of the message at this index.
    case message(Int)
    /// A step's thought, action argument, observation or final answer, by step index.
    case thought(Int)
    case argument(Int)
    case observation(Int)
    case answer(Int)
    /// The record's bytes as imported.
    case record
    /// The metadata's JSON text.
    case metadata
}
