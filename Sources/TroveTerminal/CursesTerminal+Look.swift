import CNCurses
import TroveUI

extension CursesTerminal {
    /// A role's curses rendition: attribute bits and colour pair.
    struct Look: Hashable {
        var attributes: attr_t
        var pair: Int16
    }

    /// Looks for every role, allocating one colour pair per distinct foreground/background. Falls back to
    /// attributes only when colours cannot be started or pairs run out.
    func makeLooks(for theme: Theme) -> [Role: Look] {
        var pairs: [ColorKey: Int16] = [:]
        let colorReady = theme.usesColor && has_colors() && start_color() == OK
        if colorReady { use_default_colors() }
        var looks: [Role: Look] = [:]
        for role in Role.allCases {
            let style = theme.style(for: role)
            var pair: Int16 = 0
            if colorReady, style.usesColor {
                let key = ColorKey(foreground: style.foreground, background: style.background)
                if let existing = pairs[key] {
                    pair = existing
                } else if pairs.count + 1 < Int(trove_color_pairs()) {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, style.foreground?.rawValue ?? -1, style.background?.rawValue ?? -1)
                    pairs[key] = pair
                }
            }
            looks[role] = Look(attributes: Self.attributes(of: style), pair: pair)
        }
        return looks
    }

    private struct ColorKey: Hashable {
        var foreground: TerminalColor?
        var background: TerminalColor?
    }

    static func attributes(of style: Style) -> attr_t {
        var attributes = trove_a_normal()
        if style.bold { attributes |= trove_a_bold() }
        if style.dim { attributes |= trove_a_dim() }
        if style.reverse { attributes |= trove_a_reverse() }
        if style.underline { attributes |= trove_a_underline() }
        return attributes
    }
}
