/// The groups of the help screen, in display order.
public enum CommandSection: String, CaseIterable, Hashable, Sendable {
    case labelling
    case navigation
    case search
    case view
    case prompt
    case application

    /// The heading shown on the help screen.
    public var title: String {
        switch self {
        case .labelling: "Labelling"
        case .navigation: "Navigation"
        case .search: "Search, filter, sort"
        case .view: "View"
        case .prompt: "Prompts"
        case .application: "Application"
        }
    }
}
