import Testing
import TroveCore

@Suite struct NumberTextTests {
    @Test(arguments: [("0.5", 0.5), (".5", 0.5), ("1e-3", 0.001), ("2/3", 2.0 / 3), ("1", 1.0), ("0", 0.0)])
    func decimalsAndFractionsRead(text: String, value: Double) {
        #expect(NumberText.decimal(text) == value)
        #expect(NumberText.reward(text) == value)
    }

    @Test(arguments: ["0x1", "nan", "inf", "-inf", "1/0", "", "a", "1/2/3"])
    func whatNoOneMeansIsRefused(text: String) {
        #expect(NumberText.decimal(text) == nil)
        #expect(NumberText.reward(text) == nil)
    }

    @Test(arguments: ["1.5", "3/2", "1.01"])
    func aRewardIsFromZeroToOne(text: String) {
        #expect(NumberText.decimal(text) != nil)
        #expect(NumberText.reward(text) == nil)
    }
}
