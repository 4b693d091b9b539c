/// Why a `--split` value is not `name=fraction`, one case per part, so that the message names the part
/// that is wrong (``ExportRequest/Split/init(parsing:seed:)``).
public enum ExportSplitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `=` between a name and a fraction (the whole value).
    case notNameAndFraction(String)
    /// Nothing before the `=`.
    case emptyName
    /// A name with a character a file name here may not hold: the name and its first such character.
    case invalidName(String, Character)
    /// A fraction that is not a number (as written).
    case notANumber(String)
    /// A number outside 0 < fraction < 1 (as written).
    case fractionOutOfRange(String)

    public var description: String {
        switch self {
        case .notNameAndFraction(let value):
            "'\(TrajectoryReport.visibleOnOneLine(value))' is not name=fraction (e.g. valid=0.05)"
        case .emptyName:
            "the split needs a name before '=' (e.g. valid=0.05): it goes into the second file's name"
        case .invalidName(let name, let character):
            "the split's name '\(TrajectoryReport.visibleOnOneLine(name))' holds '\(TrajectoryReport.visibleOnOneLine(String(character)))': the name goes "
                + "into the second file's name (OUT.NAME.jsonl), so it takes letters, digits and '-' only"
        case .notANumber(let fraction):
            "the fraction '\(TrajectoryReport.visibleOnOneLine(fraction))' is not a number: give the share to hold out, "
                + "between 0 and 1 (e.g. valid=0.05)"
        case .fractionOutOfRange(let fraction):
            "the fraction \(TrajectoryReport.visibleOnOneLine(fraction)) is not between 0 and 1 (exclusive): it is the share of each "
                + "task to hold out (e.g. valid=0.05)"
        }
    }
}
