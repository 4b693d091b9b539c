import Testing
import TroveTestSupport
import TroveUI

@Suite struct SnapshotTextTests {
    @Test func quotesLinesSoTrailingSpacesShow() {
        var canvas = Canvas(size: Size(width: 4, height: 2))
        canvas.put("中 ", at: .zero, role: .accepted)
        #expect(snapshotText(canvas) == "\"中  \"\n\"    \"\n")
        #expect(snapshotText(canvas, includeRoles: true) == "\"中  \"\n\"    \"\n\n\"AAA.\"\n\"....\"\n")
    }
}
