import TroveUI

/// Maps every ``TroveUI/Role`` to a ``Style``: the only place colours are named (screens use roles).
///
/// ``color`` is the default; ``monochrome`` uses only bold, dim, reverse and underline, for terminals
/// without colours and for users who set `NO_COLOR` (https://no-color.org).
public struct Theme: Hashable, Sendable {
    private let styles: [Role: Style]

    /// A theme from explicit styles; roles left out look ``Style/plain``.
    public init(_ styles: [Role: Style]) {
        self.styles = styles
    }

    public func style(for role: Role) -> Style {
        styles[role] ?? .plain
    }

    /// Whether any role needs colour support.
    public var usesColor: Bool { styles.values.contains(where: \.usesColor) }

    /// The theme to use by default: ``monochrome`` when `NO_COLOR` is set (to anything non-empty) or the
    /// terminal has no colours, else ``color``.
    public static func automatic(environment: [String: String], terminalHasColors: Bool) -> Theme {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return noColor || !terminalHasColors ? .monochrome : .color
    }

    public static let color = Theme([
        .dim: Style(dim: true),
        .title: Style(foreground: .white, background: .blue, bold: true),
        .header: Style(bold: true, underline: true),
        .statusBar: Style(foreground: .black, background: .white),
        .selection: Style(bold: true, reverse: true),
        .border: Style(foreground: .blue),
        .key: Style(foreground: .yellow, bold: true),
        .hint: Style(dim: true),
        .error: Style(foreground: .red, bold: true),
        .warning: Style(foreground: .yellow),
        .prompt: Style(bold: true),
        .cursor: Style(reverse: true),
        .thought: Style(foreground: .cyan),
        .action: Style(foreground: .green, bold: true),
        .actionKind: Style(foreground: .yellow, bold: true),
        .finalAnswer: Style(foreground: .green, bold: true, underline: true),
        .context: Style(dim: true),
        .trained: Style(foreground: .green),
        .masked: Style(dim: true),
        .searchHit: Style(foreground: .black, background: .yellow),
        .currentSearchHit: Style(foreground: .black, background: .yellow, bold: true, underline: true),
        .escaped: Style(foreground: .magenta, bold: true),
        .jsonKey: Style(foreground: .blue, bold: true),
        .jsonString: Style(foreground: .green),
        .accepted: Style(foreground: .green, bold: true),
        .rejected: Style(foreground: .red, bold: true),
        .pending: Style(foreground: .yellow),
        .disputed: Style(foreground: .magenta, bold: true),
        .reward: Style(foreground: .cyan, bold: true),
        .flag: Style(foreground: .red),
        .tag: Style(foreground: .blue, bold: true),
        .note: Style(foreground: .yellow),
        .barFill: Style(foreground: .green, reverse: true),
        .barEmpty: Style(dim: true),
    ])

    public static let monochrome = Theme([
        .dim: Style(dim: true),
        .title: Style(bold: true, reverse: true),
        .header: Style(bold: true, underline: true),
        .statusBar: Style(reverse: true),
        .selection: Style(reverse: true),
        .key: Style(bold: true),
        .hint: Style(dim: true),
        .error: Style(bold: true),
        .warning: Style(bold: true),
        .prompt: Style(bold: true),
        .cursor: Style(reverse: true),
        .thought: Style(dim: true),
        .action: Style(bold: true),
        .actionKind: Style(bold: true, underline: true),
        .finalAnswer: Style(bold: true, underline: true),
        .context: Style(dim: true),
        .trained: Style(bold: true),
        .masked: Style(dim: true),
        .searchHit: Style(reverse: true, underline: true),
        .currentSearchHit: Style(bold: true, reverse: true, underline: true),
        .escaped: Style(bold: true, underline: true),
        .jsonKey: Style(bold: true),
        .accepted: Style(bold: true),
        .rejected: Style(bold: true, underline: true),
        .pending: Style(dim: true),
        .disputed: Style(bold: true, reverse: true),
        .reward: Style(bold: true),
        .flag: Style(underline: true),
        .tag: Style(underline: true),
        .barFill: Style(reverse: true),
        .barEmpty: Style(dim: true),
    ])
}
