/// Word from a store that another process changed it: the review UI asks it between keys instead of
/// asking the store itself once a second (``TrajectorySource/changeToken()``), so a change shows as soon
/// as it arrives and an idle screen costs the server nothing.
public protocol StoreChangeFeed: AnyObject, Sendable {
    /// Whether a change arrived since the last call, without waiting and without asking the store.
    ///
    /// - throws: when the feed is lost (its connection closed); the caller then asks the store itself.
    func changeArrived() throws -> Bool
}
