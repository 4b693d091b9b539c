import Testing
import TroveCore
import TroveStore
import TroveTestSupport

@testable import TroveUI

/// Screens as golden text at the three reference sizes, from a real in-memory store of the fixtures.
@Suite struct ScreenSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 10), Size(width: 120, height: 40)]

    @Test(arguments: sizes)
    func list(size: Size) throws {
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), size: size, events: Script.events(.keys("j")))
        assertSnapshot(session.canvas, named: "list", includeRoles: size.width == 80)
        // The footer keeps help and quit at every width; lower-priority hints drop first.
        #expect(session.canvas.lines[size.height - 1].contains("? help  q quit"))
    }

    /// Flags as two-letter codes (`+N` for those that do not fit), `#` for tags and `✎` for a note on the
    /// row, and the list help's legend made from the same codes.
    @Test(arguments: sizes)
    func listMarksAndFlagCodes(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        try store.applyLabel(LabelChange(addTags: ["truncated"]), to: ["os_f2"], reviewer: "ana", origin: "cli")
        try store.applyLabel(LabelChange(note: .set("check")), to: ["db_f1"], reviewer: "ana", origin: "cli")
        let session = ReviewSession.run(store, size: size, events: [])
        assertSnapshot(session.canvas, named: "list-marks", includeRoles: size.width == 80)
        let rows = session.canvas.lines
        #expect(try #require(rows.first { $0.hasPrefix("os_f2") }).contains("#"))
        #expect(try #require(rows.first { $0.hasPrefix("db_f1") }).contains("✎"))
        if size.width >= 80 {
            #expect(try #require(rows.first { $0.hasPrefix("db_f3") }).contains(" AB "))
            #expect(!rows.joined().contains("answer-with"))
        }
        let help = ReviewSession.run(store, size: size, events: Script.events(.keys("?"), .key(.end)))
        assertSnapshot(help.canvas, named: "help-list-legend")
    }

    @Test func flagCodesAreDistinctAndTheLegendNamesEachFlag() {
        let codes = QualityFlag.allCases.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(QualityFlag.legend.map(\.code) == codes)
        let legend = Dictionary(uniqueKeysWithValues: QualityFlag.legend.map { ($0.code, $0.meaning) })
        #expect(legend["AB"] == "answer-without-action: a final answer before any action")
        #expect(ListScreen.flagCodes([.noAnswer, .labelLeak, .rawFallback], width: 8) == "NA LL RF")
        #expect(ListScreen.flagCodes([.noAnswer, .labelLeak, .rawFallback, .emptyTurn], width: 8) == "NA LL +2")
        #expect(ListScreen.flagCodes([], width: 8) == "")
    }

    /// The task text column shows each dialect's goal, not its boilerplate (webshop's `[SEP]` header,
    /// alfworld's room, mind2web's page, os's preamble), read from the whole task text.
    @Test(arguments: sizes)
    func listShowsTaskGoals(size: Size) throws {
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), size: size, events: [])
        let state = session.runtime.state
        let goals = Dictionary(uniqueKeysWithValues: state.list.window.rows.map { ($0.id, $0.taskGoal) })
        #expect(goals["webshop_f1"]?.hasPrefix("WebShop") == false)
        #expect(goals["alfworld_f1"]?.hasPrefix("Here is your task") == false)
        #expect(goals["mind2web_f1"] == "Search for hiking boots in size 10")
        #expect(goals["os_f1"]?.hasPrefix("Now, I will start") == false)
        assertSnapshot(session.canvas, named: "list-goals")
    }

    /// Webshop pages read one `[SEP]` part per line; mind2web's answer letter shows its option.
    @Test(arguments: sizes)
    func dialectTextOnTheTrajectoryScreen(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let webshop = ReviewSession.run(
            store, size: size, events: Script.open("webshop_f1") + Script.events(.keys("]]")))
        assertSnapshot(webshop.canvas, named: "trajectory-webshop-sep")
        #expect(!webshop.canvas.lines.joined().contains("[SEP]"))
        let mind2web = ReviewSession.run(
            store, size: size, events: Script.open("mind2web_f1") + Script.events(.key(.end)), reviewer: "m")
        assertSnapshot(mind2web.canvas, named: "trajectory-mind2web-answer")
        #expect(mind2web.canvas.lines.joined().contains("B. <input id=0 search />"))
    }

    /// `:` with Tab completes a prefix to what its ids share and names them; Enter goes to the id.
    @Test(arguments: sizes)
    func goToID(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let many = ReviewSession.run(store, size: size, events: Script.events(.keys(":db"), .key(.tab)))
        assertSnapshot(many.canvas, named: "goto-many")
        #expect(many.runtime.state.prompt?.editor.text == "db_f")
        #expect(many.runtime.state.prompt?.error?.hasPrefix("3 ids start with 'db'") == true)
        let gone = ReviewSession.run(
            store, size: size, events: Script.events(.keys(":kg_f2"), .key(.enter)), reviewer: "goto-\(size)")
        #expect(gone.runtime.state.currentRow?.id == "kg_f2")
        let none = ReviewSession.run(
            store, size: size, events: Script.events(.keys(":zz"), .key(.enter)), reviewer: "none-\(size)")
        assertSnapshot(none.canvas, named: "goto-none")
        #expect(none.runtime.state.prompt?.error == "no trajectory id starts with 'zz'")
    }

    /// `R` shows the record as imported, re-indented as JSON with keys and strings in their own roles;
    /// `v` hands the same text to the pager and the screen comes back as it was.
    @Test(arguments: sizes)
    func recordAsJSONAndPaged(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let record = ReviewSession.run(store, size: size, events: Script.open("kg_f1") + Script.events(.keys("R")))
        assertSnapshot(record.canvas, named: "trajectory-record", includeRoles: size.width == 80)
        let lines = record.canvas.lines
        let row = try #require(lines.firstIndex { $0.contains(#""id": "kg_f1""#) })
        let x = lines[row].distance(from: lines[row].startIndex, to: try #require(lines[row].firstIndex(of: "\"")))
        #expect(record.canvas[Point(x: x, y: row)]?.role == .jsonKey)
        #expect(record.canvas[Point(x: x + 6, y: row)]?.role == .jsonString)
        let paged = ReviewSession.run(
            store, size: size, events: Script.open("kg_f1") + Script.events(.keys("]v")), reviewer: "pager-\(size)")
        #expect(paged.terminal.paged.count == 1)
        #expect(paged.terminal.paged.first?.contains(#"  "id": "kg_f1","#) == true)
        #expect(paged.runtime.state.screen == .trajectory && paged.runtime.state.document?.selectedStep == 0)
    }

    /// From 160 columns the list shows the cursor's trajectory beside it: the list keeps the keys and
    /// the pane follows the cursor; narrower terminals keep one screen at a time.
    @Test(arguments: [Size(width: 160, height: 40), Size(width: 200, height: 50)])
    func sideBySide(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(store, size: size, events: Script.events(.keys("jjj")))
        assertSnapshot(session.canvas, named: "side-by-side")
        let state = session.runtime.state
        #expect(state.screen == .list && state.document?.id == "db_f2")
        #expect(session.canvas.lines[0].contains("db_f2 · db"))
        let labeled = ReviewSession.run(store, size: size, events: Script.events(.keys("jjja")), reviewer: "side")
        #expect(labeled.runtime.state.currentRow?.id == "db_f3" && labeled.runtime.state.document?.id == "db_f3")
        #expect(try store.trajectory(id: "db_f2")?.label.status == .accepted)
        let narrow = ReviewSession.run(
            store, size: Size(width: 159, height: 40), events: Script.events(.keys("j")), reviewer: "narrow")
        #expect(narrow.runtime.state.document == nil)
    }

    /// Long ids shortened in the middle, so rows stay distinct, sorted naturally by id (`s`).
    @Test(arguments: sizes)
    func longIDsSortedByID(size: Size) throws {
        let ids = [10, 9, 144, 2, 1000, 1].map { "fireact-openai-gpt4-trajectories.jsonl:\($0)" }
        let session = ReviewSession.run(
            try ReviewSession.store(ids: ids), size: size, events: Script.events(.keys("s")))
        assertSnapshot(session.canvas, named: "list-long-ids")
        let shown = session.canvas.lines[2..<8].map { $0.prefix { $0 != " " } }
        #expect(Set(shown).count == ids.count, "\(shown)")
    }

    /// The list as first drawn, before its counts arrive: `?` for the position (unless the window starts
    /// the list), `…` for the length and the counts.
    @Test(arguments: sizes)
    func listWhileCounting(size: Size) throws {
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), size: size, events: Script.events(.keys("j")))
        var state = session.runtime.state
        state.list.counts = nil
        state.list.storeTotal = nil
        state.list.provisionalAnchor = state.list.cursor
        var canvas = Canvas(size: size)
        render(state, into: &canvas)
        assertSnapshot(canvas, named: "list-counting", includeRoles: size.width == 80)
    }

    @Test(arguments: ["os_f1", "db_f1", "os_f1", "webshop_f1", "kg_f1", "mind2web_f1", "react_f1", "chat_f1"])
    func trajectory(id: String) throws {
        let store = try ReviewSession.fixtureStore()
        for size in Self.sizes {
            let session = ReviewSession.run(store, size: size, events: Script.open(id), reviewer: "tester-\(size)")
            assertSnapshot(session.canvas, named: "trajectory-\(id)")
        }
    }

    /// A Terminus run (harbor's Terminus-2, JSON replies), from its first step: the analysis and the plan as
    /// the thought, every command's keystrokes as one `keystrokes` action, the terminal's output without
    /// `New Terminal Output:`; the malformed reply shows whole, marked unparsed, and the confirmed completion
    /// as the action `task_complete`.
    @Test(arguments: sizes)
    func terminusTrajectory(size: Size) throws {
        let store = try ReviewSession.fixtureStore(extra: [Fixtures.url("agent-runs/terminus.trajectory.json").path])
        let open = Script.open("\"terminus-2/terminus-json-fixture\"")
        let first = ReviewSession.run(store, size: size, events: open + Script.events(.keys("]")))
        assertSnapshot(first.canvas, named: "trajectory-terminus", includeRoles: size.width == 80)
        let text = first.canvas.lines.joined(separator: "\n")
        #expect(text.contains("1. List /app.") && !text.contains("New Terminal Output"))
        if size.height >= 24 {
            let action = try #require(first.canvas.lines.firstIndex { $0.hasPrefix("  Action   [keystrokes] ls -la ") })
            #expect(first.canvas.lines[action + 1].hasPrefix("           head -n 3 events.log "))
        }
        let last = ReviewSession.run(store, size: size, events: open + Script.events(.key(.end)))
        assertSnapshot(last.canvas, named: "trajectory-terminus-end")
        let end = last.canvas.lines.joined(separator: "\n")
        #expect(end.contains("[task_complete]"))
        #expect(!end.contains("no answer"))
    }

    /// A plain chat's turns are the user's and the assistant's: no thought or observation labels.
    @Test func chatShowsUserAndAssistantTurns() throws {
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), events: Script.open("chat_f1"))
        let text = session.canvas.lines.joined(separator: "\n")
        #expect(session.canvas.lines[1].contains("── User ──"))
        #expect(text.contains("── Assistant · 1/2 ──") && text.contains("── Assistant · 2/2 ──"))
        #expect(!text.contains("Thought") && !text.contains("Observed") && !text.contains("Task"))
    }

    /// The header says where the environment's reward came from: here the last observation's text.
    @Test func headerNamesTheEnvRewardSource() throws {
        let session = ReviewSession.run(
            try ReviewSession.fixtureStore(), size: Size(width: 120, height: 40), events: Script.open("react_f1"))
        #expect(session.canvas.lines[0].contains("· env 1.00 (observation text)"))
    }

    /// `]` twice selects the second step: highlighted, at the top, counted in the status bar.
    @Test(arguments: sizes)
    func trajectoryWithASelectedStep(size: Size) throws {
        let session = ReviewSession.run(
            try ReviewSession.fixtureStore(), size: size,
            events: Script.open("alfworld_f1") + Script.events(.keys("]]")))
        assertSnapshot(session.canvas, named: "trajectory-step-selected", includeRoles: size.width == 80)
        #expect(session.canvas.lines[size.height - 2].hasPrefix(" step 2/6"))
    }

    /// Flags in words in the header, the leaking phrase painted in its step, `no-answer` at the end.
    @Test(arguments: sizes)
    func flagEvidence(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let leak = ReviewSession.run(store, size: size, events: Script.open("db_f1") + Script.events(.key(.end)))
        assertSnapshot(leak.canvas, named: "trajectory-label-leak", includeRoles: size.width == 80)
        if size.width >= 80 {
            let row = try #require(leak.canvas.lines.firstIndex { $0.contains("provided answer") })
            let column = try #require(leak.canvas.lines[row].range(of: "provided answer")).lowerBound
            let x = leak.canvas.lines[row].distance(from: leak.canvas.lines[row].startIndex, to: column)
            #expect(leak.canvas[Point(x: x, y: row)]?.role == .flag)
        }
        let cut = ReviewSession.run(
            store, size: size, events: Script.open("kg_f2") + Script.events(.key(.end)), reviewer: "cut")
        assertSnapshot(cut.canvas, named: "trajectory-no-answer")
        #expect(cut.canvas.lines.contains { $0.contains("▲ no answer") })
    }

    /// A search hit in the open trajectory: two lines of context above it, `hit k/N` in the status bar.
    @Test(arguments: sizes)
    func trajectorySearchHit(size: Size) throws {
        let keys = Script.open("alfworld_f1") + Script.events(.keys("/"), .keys("drawer"), .key(.enter), .keys("n"))
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), size: size, events: keys)
        assertSnapshot(session.canvas, named: "trajectory-search-hit")
        #expect(session.canvas.lines[size.height - 2].contains("hit 2/"))
    }

    @Test func trajectoryWithContextAndRaw() throws {
        let store = try ReviewSession.fixtureStore()
        let context = ReviewSession.run(store, events: Script.open("os_f1") + Script.events(.keys("pM")))
        assertSnapshot(context.canvas, named: "trajectory-context-metadata")
        let raw = ReviewSession.run(store, events: Script.open("os_f1") + Script.events(.keys("R")), reviewer: "raw")
        assertSnapshot(raw.canvas, named: "trajectory-raw")
        let actionsOnly = ReviewSession.run(
            store, events: Script.open("kg_f1") + Script.events(.keys("TO")), reviewer: "actions")
        assertSnapshot(actionsOnly.canvas, named: "trajectory-actions-only", includeRoles: true)
    }

    @Test(arguments: sizes)
    func stats(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(store, size: size, events: Script.events(.keys("ajx"), .key(.tab)))
        assertSnapshot(session.canvas, named: "stats")
    }

    /// Help from the trajectory screen, scrolled: each column starts with a heading and no section shows twice.
    @Test(arguments: sizes)
    func helpForTheTrajectoryScrolled(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let session = ReviewSession.run(store, size: size, events: Script.open("os_f1") + Script.events(.keys("?jjj")))
        assertSnapshot(session.canvas, named: "help-trajectory-scrolled")
        let titles = CommandSection.allCases.map(\.title)
        let columns = size.width >= 100 ? [1, size.width / 2 + 1] : [1]
        for x in columns {
            let top = String(session.canvas.lines[1].dropFirst(x))
            #expect(titles.contains { top.hasPrefix($0) }, "column at \(x) starts with \(top)")
        }
        let all = session.canvas.lines.joined(separator: "\n")
        #expect(all.components(separatedBy: "Application").count <= 2)
    }

    @Test(arguments: sizes)
    func help(size: Size) throws {
        let session = ReviewSession.run(try ReviewSession.fixtureStore(), size: size, events: Script.events(.keys("?")))
        assertSnapshot(session.canvas, named: "help")
    }

    /// History in aligned columns under a header: each event's reviewer, its time in UTC (`Z`), and the
    /// label it left, wrapped under its column.
    @Test(arguments: sizes)
    func history(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        try store.applyLabel(.accept, to: ["os_f1"], reviewer: "ana", origin: "cli")
        try store.applyLabel(
            LabelChange(reward: .set(0.5, reason: nil), addTags: ["truncated"]), to: ["os_f1"], reviewer: "bartholomew",
            origin: "cli")
        try store.applyLabel(
            LabelChange(note: .set("the answer counts hidden files too, which the task did not ask for")),
            to: ["os_f1"], reviewer: "ana", origin: "cli")
        let session = ReviewSession.run(store, size: size, events: Script.events(.keys("H"), .key(.home)))
        assertSnapshot(BlindReviewTests.maskingTimes(session.canvas), named: "history")
        let lines = session.canvas.lines
        #expect(lines[0].contains("label history · os_f1"))
        #expect(lines[1].contains("TIME (UTC)") || size.width < 60)
        #expect(lines[2].contains("ana") && lines[2].contains("Z "))
        #expect(lines.contains { $0.contains("bartholomew") || $0.contains("bar…omew") })
        if size.width >= 80 {
            #expect(lines[3].contains("reward 0.50 [truncated]"))
            let column = { (line: String, text: String) in
                line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
            }
            // Each reviewer's own label: bartholomew's reward and tag start from his pending label.
            #expect(column(lines[2], "accepted") == column(lines[3], "pending"))
            #expect(lines.contains { $0.contains("did not ask") })
        }
    }

    @Test(arguments: sizes)
    func hostileAndWideText(size: Size) throws {
        let directory = TemporaryDirectory()
        let path = directory.write("hostile.jsonl", Self.hostileRecord + "\n")
        let store = try ReviewSession.fixtureStore(extra: [path])
        let session = ReviewSession.run(store, size: size, events: Script.open("hostile_1"))
        assertSnapshot(session.canvas, named: "hostile", includeRoles: size.width == 80)
        for line in session.canvas.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x80..<0xA0).contains($0.value) })
            #expect(!line.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        }
    }

    /// Valid JSON may hold C1 controls and bidi and other format characters raw (only C0 must be
    /// escaped): `v` hands the pager the record with them as JSON's escapes, as `R` draws them `¤`.
    @Test func pagedRecordHoldsNoRawControls() throws {
        let directory = TemporaryDirectory()
        let raw =
            "{\"id\":\"raw_1\",\"conversations\":[{\"from\":\"human\",\"value\":\"a\u{9B}31m b\u{202E}c\u{200B}d\"}]}"
        let store = try ReviewSession.fixtureStore(extra: [directory.write("raw.jsonl", raw + "\n")])
        let paged = ReviewSession.run(store, events: Script.open("raw_1") + Script.events(.keys("]v")))
        let text = try #require(paged.terminal.paged.first)
        #expect(text.contains(#"a\u009b31m b\u202ec\u200bd"#))
        #expect(
            !text.unicodeScalars.contains {
                (0x80..<0xA0).contains($0.value) || $0.properties.generalCategory == .format
            })
    }

    @Test func prompts() throws {
        let store = try ReviewSession.fixtureStore()
        let badFilter = ReviewSession.run(
            store, events: Script.events(.keys("f"), .keys("task:db rewrd<1"), .key(.enter)))
        assertSnapshot(badFilter.canvas, named: "prompt-bad-filter", includeRoles: true)
        let badReward = ReviewSession.run(store, events: Script.events(.keys("r1.5"), .key(.enter)), reviewer: "r")
        assertSnapshot(badReward.canvas, named: "prompt-bad-reward")
        let tags = ReviewSession.run(store, events: Script.events(.keys("t2 中文"), .key(.left)), reviewer: "t")
        assertSnapshot(tags.canvas, named: "prompt-tags", includeRoles: true)
    }

    /// The tag prompt marks the tags the trajectory has; a reopened search shows the last text selected.
    @Test(arguments: sizes)
    func promptsShowWhatIsSet(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        let keys = Script.events(.keys("t1"), .key(.enter), .keys("t"))
        let tags = ReviewSession.run(store, size: size, events: keys, reviewer: "set-\(size)")
        assertSnapshot(tags.canvas, named: "prompt-tags-set", includeRoles: size.width == 80)
        #expect(tags.canvas.lines.contains { $0.hasPrefix("1 ✓wrong-answer") })
        let search = Script.events(.keys("/"), .keys("Solaris"), .key(.enter), .keys("/"))
        let again = ReviewSession.run(store, size: size, events: search, reviewer: "search-\(size)")
        assertSnapshot(again.canvas, named: "prompt-search-again", includeRoles: size.width == 80)
    }

    /// Tags in use in the store (here typed by hand by another reviewer, in another session) join the
    /// tag menu, which wraps over more rows when it is wider than the screen; the other reviewer's tag on
    /// the cursor's trajectory is marked theirs (`◦`), not the reviewer's own (`✓`).
    @Test(arguments: sizes)
    func tagPromptOffersTheStoreTags(size: Size) throws {
        let store = try ReviewSession.fixtureStore()
        try store.applyLabel(LabelChange(addTags: ["by-hand"]), to: ["db_f1"], reviewer: "ana", origin: "cli")
        try store.applyLabel(LabelChange(addTags: ["zz-later"]), to: ["os_f1"], reviewer: "ana", origin: "cli")
        let session = ReviewSession.run(store, size: size, events: Script.events(.keys("t")))
        assertSnapshot(session.canvas, named: "prompt-tags-store", includeRoles: size.width == 80)
        let menu = session.canvas.lines.joined(separator: "  ")
        #expect(menu.contains("6 by-hand") && menu.contains("7 ◦zz-later"), "\(menu)")
        ReviewSession.run(store, size: size, events: Script.events(.keys("t6"), .key(.enter)), reviewer: "bo")
        #expect(try store.trajectory(id: "os_f1")?.label.tags == ["by-hand", "zz-later"])
    }

    /// QA: a filter on a name that matches nothing gave the command line's case hint, not the list's.
    @Test func aFilterThatMatchesNothingSaysNamesMatchCaseAndAll() throws {
        let store = try ReviewSession.fixtureStore()
        let filter = Script.events(.keys("f"), .keys("task:DB"), .key(.enter))
        let names = ReviewSession.run(store, events: filter).canvas.lines.joined(separator: "\n")
        #expect(names.contains("No trajectory matches the filter."))
        #expect(names.contains("Filter values are case-sensitive"), "\(names)")
        let words = Script.events(.keys("f"), .keys("has:nowhere"), .key(.enter))
        let text = ReviewSession.run(store, events: words).canvas.lines.joined(separator: "\n")
        #expect(text.contains("No trajectory matches the filter.") && !text.contains("case-sensitive"))
    }

    /// A menu taller than a third of the screen says how many tags it leaves out, which a typed name
    /// still toggles.
    @Test func aTagMenuThatDoesNotFitSaysHowManyTagsItLeavesOut() throws {
        let store = try ReviewSession.fixtureStore()
        let extra = (1...6).map { "extra-tag-\($0)" }
        try store.applyLabel(LabelChange(addTags: extra), to: ["db_f1"], reviewer: "ana", origin: "cli")
        let session = ReviewSession.run(store, size: Screen.minimumSize, events: Script.events(.keys("t")))
        let menu = session.canvas.lines[6...8].joined(separator: "\n")
        #expect(session.canvas.lines[8].hasPrefix("5 format-error  +6 more (type a name)"), "\(menu)")
        ReviewSession.run(
            store, size: Screen.minimumSize, events: Script.events(.keys("textra-tag-6"), .key(.enter)), reviewer: "bo")
        #expect(try store.trajectory(id: "os_f1")?.label.tags == ["extra-tag-6"])
    }

    @Test func blindHidesTheEnvironmentReward() throws {
        let directory = TemporaryDirectory()
        let record =
            #"{"id":"blind_1","model":"gpt-4","reward":0.25,"conversations":[{"from":"human","value":"Say hi."},{"from":"gpt","value":"hi"}]}"#
        let store = try ReviewSession.fixtureStore(extra: [directory.write("b.jsonl", record + "\n")])
        let open = Script.open("blind_1") + Script.events(.keys("M"))
        let seeing = ReviewSession.run(store, events: open)
        #expect(seeing.canvas.lines[0].contains("env 0.25"))
        let blind = ReviewSession.run(store, events: open, reviewer: "blind", blind: true)
        #expect(blind.canvas.lines.joined().contains("dialect"))
        #expect(!blind.canvas.lines.joined().contains("0.25"))
        #expect(!blind.canvas.lines.joined().contains("gpt-4"))
    }

    /// ESC sequences, BEL, CR, C1, a bidi override, CJK, emoji and combining marks in one record.
    static let hostileRecord = #"""
        {"id":"hostile_1","conversations":[{"from":"human","value":"Count the files 中文 café e\u0301 👩‍💻 ok"},{"from":"gpt","value":"Thought: 先看看 \u001b[31mred\u001b[0m and \u202Eevil\u202C text\u0007\nAction: ls\r\n"},{"from":"human","value":"Observation: \u001b]0;root@host: /\u0007root@host:/# \u001b[K\r\nline2\u0085end\tTab 😀😀"}]}
        """#
}
