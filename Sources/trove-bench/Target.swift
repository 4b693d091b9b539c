/// A goal from the issue for one row of the report.
struct Target {
    /// How the goal reads in the table (`≥ 150 MB/s, ≥ 4×`).
    var text: String
    /// Whether trove's number (and its advantage over the peer, when there is one) meets the goal.
    var isMet: (Quantity, Double?) -> Bool

    /// At least `rate` MB/s.
    static func atLeast(megabytesPerSecond rate: Double) -> Target {
        Target(text: "≥ \(Format.plain(rate)) MB/s") { trove, _ in trove.value >= rate }
    }

    /// At most `milliseconds`.
    static func atMost(milliseconds: Double) -> Target {
        Target(text: "≤ \(Format.plain(milliseconds)) ms") { trove, _ in trove.value <= milliseconds }
    }

    /// At most `megabytes` of memory.
    static func atMost(megabytes: Double) -> Target {
        Target(text: "≤ \(Format.plain(megabytes)) MB") { trove, _ in trove.value <= megabytes }
    }

    /// At least `times` better than the peer.
    static func advantage(_ times: Double) -> Target {
        Target(text: "≥ \(Format.plain(times))×") { _, advantage in (advantage ?? 0) >= times }
    }

    /// Both goals.
    func and(_ other: Target) -> Target {
        Target(text: "\(text), \(other.text)") { isMet($0, $1) && other.isMet($0, $1) }
    }
}
