import Testing
import TroveTerminal
import TroveUI

@Suite struct ThemeTests {
    @Test func noColorSelectsMonochrome() {
        #expect(Theme.automatic(environment: ["NO_COLOR": "1"], terminalHasColors: true) == .monochrome)
        #expect(Theme.automatic(environment: [:], terminalHasColors: false) == .monochrome)
        #expect(Theme.automatic(environment: ["NO_COLOR": ""], terminalHasColors: true) == .color)
    }

    @Test func monochromeUsesNoColour() {
        #expect(!Theme.monochrome.usesColor)
        #expect(Theme.color.usesColor)
    }

    @Test(arguments: [Role.selection, .statusBar, .escaped, .searchHit, .title, .cursor])
    func salientRolesAreVisibleInMonochrome(role: Role) {
        #expect(Theme.monochrome.style(for: role) != .plain)
    }
}
