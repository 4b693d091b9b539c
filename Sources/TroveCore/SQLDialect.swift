/// The SQL dialect a store backend speaks, for the queries TroveCore writes once for both
/// (``TeamPolicySQL``, ``StoreCheckSQL``, ``TrajectoryRow/select(in:)``).
public enum SQLDialect: Sendable {
    case sqlite, postgres
}
