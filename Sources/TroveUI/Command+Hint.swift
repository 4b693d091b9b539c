extension Command {
    /// The one or two words a key hint shows after the key (`a accept`); help shows the binding's text.
    public var hint: String {
        switch self {
        case .accept: "accept"
        case .reject: "reject"
        case .skip: "skip"
        case .editReward: "reward"
        case .editTags: "tags"
        case .open: "open"
        case .filter: "filter"
        case .search: "search"
        case .toggleStats: "stats"
        case .toggleHelp: "help"
        case .back: "back"
        case .nextStep: "step"
        case .toggleThoughts: "thoughts"
        case .toggleObservations: "observations"
        case .toggleFold: "fold"
        case .toggleContext: "context"
        case .toggleRaw: "raw"
        case .moveDown: "down"
        case .moveUp: "up"
        case .submit: "ok"
        case .cancel: "cancel"
        default: rawValue.replacingDashes
        }
    }
}

extension String {
    fileprivate var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
