/// What parsing a store's trajectories again with this trove's step parser found (`trove reparse`): how
/// many were read, how many stored steps or flags differed from the parse, and which flags trajectories
/// gained and lost. Both backends count the same.
public struct ReparseSummary: Sendable, Equatable {
    /// Trajectories parsed again.
    public var examined = 0
    /// Trajectories whose stored steps or flags differed from the parse (written, unless a dry run).
    public var changed = 0
    /// Of ``changed``, those whose steps differed.
    public var stepsChanged = 0
    /// Trajectories that gained each flag.
    public var flagsGained: [QualityFlag: Int] = [:]
    /// Trajectories that lost each flag.
    public var flagsLost: [QualityFlag: Int] = [:]

    public init() {}

    /// Counts a trajectory's stored `steps`, `flags` column and `trajectory_flag` rows (`flagRows`,
    /// comma-separated in any order) against `parse`; returns whether any differs.
    @discardableResult
    public mutating func count(storedSteps: String, storedFlags: String, flagRows: String, parse: CorrectedParse)
        -> Bool
    {
        examined += 1
        let stepsDiffer = storedSteps != parse.steps
        // The rows are what `flag:` filters and stats read; a store whose rows lost a flag its column keeps
        // (damage behind trove's back) is parsed again whole.
        let rows = Set(flagRows.split(separator: ",").map(String.init))
        guard stepsDiffer || storedFlags != parse.flagsColumn || rows != Set(parse.flags.map(\.rawValue)) else {
            return false
        }
        changed += 1
        if stepsDiffer { stepsChanged += 1 }
        let old = Set(storedFlags.split(separator: ",").compactMap { QualityFlag(rawValue: String($0)) })
        let new = Set(parse.flags)
        for flag in new.subtracting(old) { flagsGained[flag, default: 0] += 1 }
        for flag in old.subtracting(new) { flagsLost[flag, default: 0] += 1 }
        return true
    }

    /// The summary's lines, as `trove reparse` prints them: the counts, then one line per flag that
    /// changed (`+N`, `-N` trajectories), in flag order. `dryRun` words them as what would change.
    public func lines(dryRun: Bool) -> [String] {
        let verb = dryRun ? "would change" : "changed"
        var lines = [
            "parsed \(Plural.trajectories(examined)) again: \(changed) \(verb)"
                + (changed > 0 ? " (\(stepsChanged) in their steps)" : "")
        ]
        for flag in Set(flagsGained.keys).union(flagsLost.keys).sorted() {
            var parts: [String] = []
            if let gained = flagsGained[flag] { parts.append("+\(gained)") }
            if let lost = flagsLost[flag] { parts.append("-\(lost)") }
            lines.append("  \(flag.rawValue): \(parts.joined(separator: " "))")
        }
        return lines
    }
}
