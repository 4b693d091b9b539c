import Testing
import TroveUI

@Suite struct RoleTests {
    @Test func lettersAreDistinct() {
        #expect(Set(Role.allCases.map(\.letter)).count == Role.allCases.count)
    }
}
