import Testing
import TroveTestSupport
import TroveUI

@Suite struct ScriptedTerminalTests {
    @Test func replaysEventsAndRecordsFrames() throws {
        let terminal = ScriptedTerminal(size: Size(width: 10, height: 2), keys: "ax ")
        try terminal.start()
        #expect(try terminal.nextEvent(timeout: .zero) == .key(.char("a")))
        terminal.present(Canvas(size: terminal.size))
        #expect(try terminal.nextEvent(timeout: .zero) == .key(.char("x")))
        #expect(try terminal.nextEvent(timeout: .zero) == .key(.char(" ")))
        #expect(throws: ScriptedTerminal.ScriptEnded()) { try terminal.nextEvent(timeout: .zero) }
        #expect(terminal.frames.count == 1)
        terminal.stop()
        terminal.stop()
        #expect(terminal.stopCount == 1)
    }

    @Test func resizeEventChangesSize() throws {
        let terminal = ScriptedTerminal(
            size: Size(width: 80, height: 24), events: [.resize(Size(width: 40, height: 10))])
        #expect(try terminal.nextEvent(timeout: .zero) == .resize(Size(width: 40, height: 10)))
        #expect(terminal.size == Size(width: 40, height: 10))
    }
}
