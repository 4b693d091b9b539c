import Testing
import TroveTestSupport
import TroveUI

/// A demo frame in the shape of the list screen, with the text a real data set throws at it.
@Suite struct CanvasSnapshotTests {
    private static let rows: [(id: String, label: Role, text: String)] = [
        ("db_486", .accepted, "SELECT Customer_\u{200B}\u{200B}name FROM 顧客 WHERE city = 'Washington �D. C.'"),
        ("os_42", .rejected, "\u{1b}]0;root@708762f582f8: /\u{07}root@708762f582f8:/# \u{1b}[K\r\nls"),
        ("kg_132", .pending, "Thought: 这是一个问题？ 😀 naïve cafe\u{0301} \u{202E}txt.exe"),
        ("webshop_330", .pending, "click[B07T3G7L37]\tprice:\t$99.99 [SEP] Noise Cancelling"),
        (
            "c1_\u{9b}", .pending,
            "C1 CSI \u{9b}31m, DEL \u{7f}, NUL \u{0}, zalgo a\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}"
        ),
    ]

    private func demo(_ size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        let width = size.width
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .title)
        canvas.put(" trove · review 中文", at: .zero, role: .title)
        canvas.put("id", at: Point(x: 1, y: 1), role: .header)
        canvas.put("text", at: Point(x: 15, y: 1), role: .header, maxColumns: width - 15)
        for (offset, row) in Self.rows.enumerated() {
            let y = 2 + offset
            guard y < size.height - 1 else { break }
            canvas.put(
                row.label == .accepted ? "✓" : row.label == .rejected ? "✗" : "·", at: Point(x: 0, y: y),
                role: row.label)
            canvas.put(TextWidth.truncate(row.id, to: 12), at: Point(x: 1, y: y), role: .dim)
            canvas.put(TextWidth.truncate(row.text, to: width - 15), at: Point(x: 15, y: y), role: .text)
        }
        canvas.paint(Rect(x: 0, y: 3, width: width, height: 1), role: .selection)
        let status = Rect(x: 0, y: size.height - 1, width: width, height: 1)
        canvas.fill(status, role: .statusBar)
        canvas.put(" a accept  x reject  Space skip  ? keys", at: status.origin, role: .statusBar)
        return canvas
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 40, height: 10)])
    func demoFrame(size: Size) {
        assertSnapshot(demo(size), named: "demo", includeRoles: true)
    }

    @Test func wrappedObservation() {
        let observation =
            "WebShop [SEP] Instruction: [SEP] i need 耳机 noise cancelling, price lower than 180.00 "
            + "dollars [SEP] Search\u{1b}[01;31m\u{1b}[K hit\u{1b}[m"
        var canvas = Canvas(size: Size(width: 40, height: 10))
        for (y, line) in TextWidth.wrap(observation, width: 36).enumerated() {
            canvas.put("│ ", at: Point(x: 0, y: y), role: .border)
            canvas.put(line, at: Point(x: 2, y: y), role: .observation, maxColumns: 36)
        }
        assertSnapshot(canvas, named: "wrapped-observation", includeRoles: true)
    }
}
