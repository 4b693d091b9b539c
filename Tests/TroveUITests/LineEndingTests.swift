import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// QA: texts written on Windows (SWE-agent task texts, OpenHands issues, agentinstruct-roles) showed
/// `␍` at the end of every line. The trajectory screen takes CRLF as one line break; a lone CR still
/// shows as `␍`, and no CR reaches the terminal.
@Suite struct LineEndingTests {
    @Test func crlfBreaksLinesWithoutAMarkAndALoneCRShows() throws {
        let record = #"""
            {"id":"crlf_1","conversations":[{"from":"human","value":"I'm running `missing_colon.py` as follows:\r\n\r\npython missing_colon.py\r\nsafe\rEVIL"},{"from":"gpt","value":"Think: look.\r\n\r\nAct: bash\r\n\r\n```bash\r\nls\r\n```"},{"from":"human","value":"The output of the OS:\r\n\r\nfile\r\n"}]}
            """#
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("crlf.jsonl", record + "\n")])
        let session = ReviewSession.run(store, events: Script.open("crlf_1"))
        let lines = session.canvas.lines
        let text = lines.joined(separator: "\n")
        #expect(
            lines.contains { $0.dropFirst(2).hasPrefix("I'm running `missing_colon.py` as follows:   ") }, "\(text)")
        #expect(lines.contains { $0.dropFirst(2).hasPrefix("python missing_colon.py   ") }, "\(text)")
        #expect(lines.contains { $0.contains("safe␍EVIL") }, "\(text)")
        #expect(!text.contains("follows:␍") && !text.contains("look.␍") && !text.contains("file␍"), "\(text)")
        #expect(!session.canvas.cells.contains { $0.text.unicodeScalars.contains("\r") })
    }
}
