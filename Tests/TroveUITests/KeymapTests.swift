import Testing
import TroveUI

@Suite struct KeymapTests {
    let keymap = Keymap.standard

    @Test(arguments: Mode.allCases)
    func noKeyBoundTwiceInOneMode(mode: Mode) {
        var seen: [Key: Command] = [:]
        for binding in keymap.bindings(in: mode) {
            for key in binding.keys {
                #expect(seen[key] == nil, "\(key) bound to \(seen[key].map(\.rawValue) ?? "") and \(binding.command)")
                seen[key] = binding.command
            }
        }
    }

    @Test(arguments: Command.allCases)
    func everyCommandIsBound(command: Command) {
        #expect(Mode.allCases.contains { !keymap.keys(for: command, in: $0).isEmpty })
    }

    @Test func everyBindingHasHelpAndKeys() {
        for binding in keymap.bindings {
            #expect(!binding.keys.isEmpty)
            #expect(!CommandTable[binding.command].help.isEmpty)
            #expect(!binding.modes.isEmpty)
        }
    }

    @Test(arguments: Command.allCases)
    func theTableDescribesEachCommandOnceAndTheKeymapBindsItsKeys(command: Command) {
        let row = CommandTable[command]
        #expect(row.command == command)
        #expect(CommandTable.standard.filter { $0.command == command }.count == 1)
        #expect(keymap.bindings.filter { $0.command == command } == row.bindings)
    }

    @Test func theFooterShowsItsModesRowsWithHelpAndBackLast() {
        #expect(CommandTable.footer(in: .stats).map(\.command) == [.filter, .toggleStats, .toggleHelp, .back])
        #expect(CommandTable.footer(in: .history).map(\.command) == [.moveDown, .moveUp, .back])
        #expect(CommandTable.footer(in: .prompt).map(\.command) == [.submit, .cancel])
        #expect(CommandTable[.back].hint(in: .list) == "quit")
        #expect(CommandTable[.back].hint(in: .trajectory) == "back")
    }

    @Test(arguments: Screen.allCases)
    func eachScreenHasTheModeOfItsName(screen: Screen) {
        #expect(Mode(screen).rawValue == screen.rawValue)
        var state = AppState(size: Size(width: 80, height: 24), reviewer: "ana")
        state.screens = [.list, screen]
        #expect(state.mode == Mode(screen))
        state.prompt = Prompt(.search)
        #expect(state.mode == .prompt)
        #expect(state.screen == screen)
    }

    @Test func onlyCommandsThatWriteLabelsAreMarkedSo() {
        let writers = Set(CommandTable.standard.filter(\.changesLabels).map(\.command))
        #expect(
            writers == [
                .accept, .reject, .acceptAll, .rejectAll, .undo, .redo, .rewardZero, .rewardOne, .editReward, .editTags,
                .editNote, .toggleMask, .editTurn,
            ])
    }

    @Test(arguments: [
        (Key.char("a"), Mode.list, Command.accept), (.char("x"), .trajectory, .reject), (.char(" "), .list, .skip),
        (.backspace, .list, .undo), (.ctrl("r"), .trajectory, .redo), (.char("r"), .list, .editReward),
        (.char("0"), .list, .rewardZero), (.char("1"), .trajectory, .rewardOne), (.char("t"), .list, .editTags),
        (.char("c"), .list, .editNote), (.char("H"), .trajectory, .showHistory), (.char("j"), .help, .moveDown),
        (.down, .list, .moveDown), (.wheelUp, .trajectory, .moveUp), (.char("G"), .stats, .bottom),
        (.enter, .list, .open), (.escape, .trajectory, .close), (.char("q"), .list, .back),
        (.char("/"), .list, .search), (.char("N"), .trajectory, .previousHit), (.char("f"), .stats, .filter),
        (.char("S"), .list, .sortReverse), (.tab, .stats, .toggleStats), (.char("]"), .trajectory, .nextStep),
        (.char("K"), .trajectory, .previousStep), (.char("o"), .trajectory, .toggleFold),
        (.char("p"), .trajectory, .toggleContext), (.char("R"), .trajectory, .toggleRaw),
        (.char("?"), .history, .toggleHelp), (.enter, .prompt, .submit), (.escape, .prompt, .cancel),
        (.ctrl("c"), .prompt, .cancel), (.char("q"), .tooSmall, .quit), (.ctrl("c"), .tooSmall, .quit),
    ])
    func standardLookup(key: Key, mode: Mode, command: Command) {
        #expect(keymap.command(for: key, in: mode) == command)
    }

    @Test func onTheTooSmallNoticeOnlyQuittingIsBound() {
        #expect(keymap.bindings(in: .tooSmall).map(\.command) == [.quit, .quit])
        #expect(keymap.command(for: .escape, in: .tooSmall) == nil)
        #expect(keymap.command(for: .char("a"), in: .tooSmall) == nil)
    }

    @Test func promptLeavesTextKeysUnbound() {
        for character in "ax jkq?/0123456789" {
            #expect(keymap.command(for: .char(character), in: .prompt) == nil)
        }
        #expect(keymap.command(for: .backspace, in: .prompt) == nil)
    }

    @Test func labellingKeysDoNothingOutsideLabellingModes() {
        #expect(keymap.command(for: .char("a"), in: .help) == nil)
        #expect(keymap.command(for: .char("x"), in: .stats) == nil)
        #expect(keymap.command(for: .enter, in: .trajectory) == nil)
    }

    @Test func modeSpecificBindingWinsOverGlobal() {
        let keymap = Keymap([
            Binding([.char("q")], .quit, in: [.trajectory]),
            Binding([.char("q")], .back, in: Mode.browsing),
        ])
        #expect(keymap.command(for: .char("q"), in: .trajectory) == .quit)
        #expect(keymap.command(for: .char("q"), in: .list) == .back)
        #expect(keymap.keys(for: .back, in: .trajectory).isEmpty)
    }

    @Test func laterBindingWinsAtEqualSpecificity() {
        let keymap = Keymap([
            Binding([.char("z")], .accept, in: [.list]),
            Binding([.char("z")], .reject, in: [.list]),
        ])
        #expect(keymap.command(for: .char("z"), in: .list) == .reject)
    }

    @Test func helpIsGroupedBySectionInOrder() {
        let sections = keymap.helpSections()
        #expect(sections.map(\.section) == CommandSection.allCases)
        #expect(sections.flatMap(\.entries).count == keymap.bindings.count)
        let labelling = sections[0]
        #expect(labelling.title == "Labelling")
        #expect(labelling.entries.first == HelpSection.Entry(keys: "a", help: "accept trajectory", command: .accept))
        let navigation = sections[1].entries.first { $0.command == .moveDown }
        #expect(navigation?.keys == "j/↓/Wheel↓")
    }

    @Test func helpForAModeListsOnlyItsBindings() {
        let help = keymap.helpSections(in: .prompt)
        #expect(help.map(\.section) == [.prompt])
        #expect(help.flatMap(\.entries).map(\.keys) == ["Enter", "Esc", "Ctrl-c", "Tab"])
        #expect(help.flatMap(\.entries).map(\.command) == [.submit, .cancel, .cancel, .complete])
    }

    @Test(arguments: [
        (Key.char("a"), "a"), (.char(" "), "Space"), (.ctrl("r"), "Ctrl-r"), (.pageDown, "PgDn"),
        (.backspace, "Backspace"), (.f(5), "F5"), (.backTab, "Shift-Tab"), (.escape, "Esc"),
    ])
    func keyDescriptions(key: Key, text: String) {
        #expect(key.description == text)
    }

    @Test func commandRawValuesAreKebabCase() {
        for command in Command.allCases {
            #expect(command.rawValue.allSatisfy { $0.isLowercase || $0 == "-" })
        }
        #expect(Command(rawValue: "edit-reward") == .editReward)
    }
}
