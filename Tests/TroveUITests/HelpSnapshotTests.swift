import Testing
import TroveTestSupport
import TroveUI

/// The generated key help as a golden file (tig's `all-keybindings-test`): a keymap change shows up as a
/// reviewable diff of what users will read.
@Suite struct HelpSnapshotTests {
    private func render(_ sections: [HelpSection]) -> Canvas {
        let size = Size(width: 60, height: sections.count + sections.reduce(0) { $0 + $1.entries.count })
        var canvas = Canvas(size: size)
        var y = 0
        for section in sections {
            guard y < size.height else { break }
            canvas.put(section.title, at: Point(x: 0, y: y), role: .header)
            y += 1
            for entry in section.entries where y < size.height {
                canvas.put(TextWidth.truncate(entry.keys, to: 14), at: Point(x: 2, y: y), role: .key)
                canvas.put(entry.help, at: Point(x: 18, y: y), role: .text)
                y += 1
            }
        }
        return canvas
    }

    @Test func allBindings() {
        assertSnapshot(render(Keymap.standard.helpSections()), named: "all")
    }

    @Test func trajectoryMode() {
        assertSnapshot(render(Keymap.standard.helpSections(in: .trajectory)), named: "trajectory")
    }
}
