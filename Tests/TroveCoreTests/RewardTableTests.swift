import Testing
import TroveTestSupport

@testable import TroveCore

@Suite struct RewardTableTests {
    private let directory = TemporaryDirectory()

    @Test func readsJSONLinesWithTheKeysDatasetsUse() throws {
        let path = directory.write(
            "rewards.jsonl",
            """
            {"id": "os_1", "reward": 1}
            {"item_id": "os_2", "success": false}
            {"index": 3, "score": 0.5}

            """)
        #expect(try RewardTable.load(path: path) == ["os_1": 1, "os_2": 0, "3": 0.5])
    }

    @Test func refusesAnEntryWhoseRewardDependsOnWhichDuplicateWins() throws {
        let path = directory.write("dup.jsonl", #"{"id": "os_1", "reward": 0, "reward": 1}"# + "\n")
        #expect {
            try RewardTable.load(path: path)
        } throws: { error in
            "\(error)".contains(#"duplicate key "reward""#)
        }
    }

    @Test func readsCSVWithOrWithoutAHeader() throws {
        let bare = directory.write("bare.csv", "os_1,1\nos_2, 0.25\n\"os,3\",0\n")
        #expect(try RewardTable.load(path: bare) == ["os_1": 1, "os_2": 0.25, "os,3": 0])
        let header = directory.write("header.csv", "reward,id\n1,db_1\nfalse,db_2\n")
        #expect(try RewardTable.load(path: header) == ["db_1": 1, "db_2": 0])
    }

    @Test func namesTheLineOfABadEntry() throws {
        let path = directory.write("bad.csv", "os_1,1\nos_2,7\n")
        #expect {
            try RewardTable.load(path: path)
        } throws: { error in
            (error as? RewardTableError)?.description == "\(path):2: reward '7' is not a number in 0...1"
        }
        let json = directory.write("bad.jsonl", "{\"id\": \"a\", \"reward\": 1}\n{\"id\": \"b\"}\n")
        #expect {
            try RewardTable.load(path: json)
        } throws: { error in
            (error as? RewardTableError)?.line == 2
        }
    }
}
