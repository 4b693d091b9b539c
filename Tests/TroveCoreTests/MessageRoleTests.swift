import Testing

@testable import TroveCore

@Suite struct MessageRoleTests {
    @Test(arguments: [
        ("human", MessageRole.instruction), ("USER", .instruction), ("gpt", .agent), ("assistant", .agent),
        ("agent", .agent), ("ai", .agent), ("system", .system), ("tool", .tool), ("function_call", .agent),
        ("function", .tool), ("developer", .system), ("Developer", .system),
        ("observation", .environment), ("something-else", .environment), ("ChatGPT", .agent), ("Tool", .tool),
        ("OBSERVATION", .environment),
    ])
    func normalizesRoleStrings(original: String, expected: MessageRole) {
        #expect(MessageRole(normalizing: original) == expected)
    }

    @Test func messageKeepsMissingLossFlagAsNil() {
        let message = Message(originalRole: "gpt", text: "Ok.")
        #expect(message.loss == nil)
        #expect(message.role == .agent)
    }
}
