import Foundation
import Testing
import TroveCore
import TroveTestSupport
import TroveUI

/// Guarantee 4 of docs/reliability.md: escape sequences and controls in the data are drawn inert,
/// on the Canvas the review UI renders and in the text `trove show` and other commands print.
@Suite struct TerminalInjectionTests {
    static let hostile: [String: String] = [
        "OSC 52 clipboard write": "copy \u{1B}]52;c;ZWNobyBwd25lZA==\u{07} done",
        "OSC 8 hyperlink": "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",
        "OSC 0 window title": "\u{1B}]0;owned\u{07}title",
        "CSI cursor moves and clears": "\u{1B}[2J\u{1B}[H\u{1B}[10;10Hmoved\u{1B}[K\u{1B}[1A\u{1B}[999C",
        "DCS": "\u{1B}P1$qm\u{1B}\\dcs",
        "BEL and backspace": "ring\u{07}\u{08}\u{08}\u{7F}",
        "carriage return overwrite": "safe text\rEVIL",
        "C1 controls": "\u{9B}2J\u{9D}0;owned\u{9C}\u{90}q\u{85}\u{8D}",
        "bidi overrides": "\u{202E}gnp.exe\u{202C} \u{2066}x\u{2069} \u{200F}\u{061C}",
        "long grapheme cluster": "Z" + String(repeating: "\u{0301}\u{0336}", count: 2000) + "end",
        "zero-width joiners": String(repeating: "👩\u{200D}", count: 500) + "👩",
    ]

    /// Scalars that must never reach the terminal.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }

    @Test(arguments: hostile.keys.sorted())
    func hostileTextIsDrawnInertOnTheCanvas(_ name: String) throws {
        let text = try #require(Self.hostile[name])
        let size = Size(width: 40, height: 6)
        var canvas = Canvas(size: size)
        canvas.fill(canvas.bounds, role: .statusBar, with: "#")
        let before = canvas
        // The text area: row 2, columns 5..<25.
        canvas.put(text, at: Point(x: 5, y: 2), role: .observation, maxColumns: 20)
        for y in 0..<size.height {
            for x in 0..<size.width {
                let point = Point(x: x, y: y)
                let cell = try #require(canvas[point])
                #expect(!cell.text.unicodeScalars.contains(where: Self.isControl), "\(name): control at \(x),\(y)")
                #expect(cell.text.unicodeScalars.count <= Sanitizer.maxScalarsPerCell + 1, "\(name): overfull cell")
                if y != 2 || x < 5 || x >= 25 {
                    #expect(cell == before[point], "\(name): cell \(x),\(y) outside the text area changed")
                }
            }
        }
    }

    @Test func showPrintsHostileTextInert() throws {
        let directory = TemporaryDirectory()
        let store = directory.path("store.sqlite")
        let messages = Self.hostile.keys.sorted().map { name -> JSONValue in
            .object(["from": "gpt", "value": .string("Think: \(Self.hostile[name]!)\nAct: finish")])
        }
        let record = JSONWriter.string(
            .object([
                "id": "os_1",
                "conversations": .array(
                    [.object(["from": "human", "value": "\u{1B}]52;c;cHduZWQ=\u{07}task"])] + messages),
            ]))
        let evilID = JSONWriter.string(
            .object([
                "id": "os_\u{1B}]0;owned\u{07}2", "conversations": .array([.object(["from": "human", "value": "x"])]),
            ]))
        let input = directory.write("hostile.jsonl", record + "\n" + evilID + "\n")
        let importing = try TroveBinary.run(["import", "--store", store, input])
        #expect(importing.status == 0, "\(importing.stderr)")
        // A conflict names the record's id: inert too.
        let again = directory.write("again.jsonl", evilID.replacingOccurrences(of: "\"x\"", with: "\"y\"") + "\n")
        let conflict = try TroveBinary.run(["import", "--store", store, again])
        #expect(conflict.status == 65)
        let show = try TroveBinary.run(["show", "--store", store, "os_1"])
        #expect(show.status == 0)
        try TroveBinary.run(["label", "--store", store, "os_\u{1B}]0;owned\u{07}2", "--accept", "--reviewer", "r"])
            .expectSuccess()
        let undo = try TroveBinary.run(["label", "--store", store, "--undo", "--reviewer", "r"])
        for (command, output) in [
            ("import", importing.stdout + importing.stderr), ("conflict", conflict.stdout + conflict.stderr),
            ("show", show.stdout + show.stderr), ("undo", undo.stdout + undo.stderr),
        ] {
            let controls = output.unicodeScalars.filter { Self.isControl($0) && $0 != "\n" && $0 != "\t" }
            #expect(
                controls.isEmpty, "\(command) printed raw controls: \(controls.map { String($0.value, radix: 16) })")
        }
        #expect(show.stdout.contains(#"\e]52;c;"#))
    }
}

extension TroveBinary.Result {
    func expectSuccess(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(stderr)", sourceLocation: sourceLocation)
    }
}
