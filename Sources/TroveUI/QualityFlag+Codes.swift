import TroveCore

extension QualityFlag {
    /// The flag's two-letter code in the list's FLAGS column. Each names the defect itself (`AB`, an
    /// answer before any action), so a code never reads as the opposite of its flag; the list help's
    /// legend (``legend``) is generated from the same codes.
    var code: String {
        switch self {
        case .noAnswer: "NA"
        case .emptyTurn: "ET"
        case .answerWithoutAction: "AB"
        case .labelLeak: "LL"
        case .rawFallback: "RF"
        case .repeatedAction: "RA"
        case .unansweredAction: "UA"
        case .errorStreak: "ES"
        case .cutByLimit: "CL"
        case .badEncoding: "BE"
        }
    }

    /// Every flag's code with its filter name (`flag:` takes it) and meaning, for the list help.
    static var legend: [(code: String, meaning: String)] {
        allCases.map { flag in
            let meaning = flag.words.split(separator: ": ", maxSplits: 1).last.map(String.init) ?? flag.words
            return (flag.code, "\(flag.rawValue): \(meaning)")
        }
    }
}
