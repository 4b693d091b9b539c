import Testing
import TroveCore

/// The goal of each dialect's task text, on texts shaped like the real data's (../shared/data).
@Suite struct TaskGoalTests {
    @Test(arguments: [
        (
            "webshop",
            "WebShop [SEP] Instruction: [SEP] i want a on-ear headphone with noise cancelling, and price lower than 180.00 dollars [SEP] Search",
            "i want a on-ear headphone with noise cancelling, and price lower than 180.00 dollars"
        ),
        (
            "alfworld",
            "Here is your task. You are in the middle of a room. Looking quickly around you, you see a bathtubbasin 1, a garbagecan 1, a shelf 3, a shelf 2, a shelf 1, and a towelholder 1.\nYour task is to: put two spraybottle in toilet.",
            "put two spraybottle in toilet."
        ),
        (
            "os",
            "Now, I will start a new problem in a new OS. My problem is:\n\n \n\nFind the total number of non-empty lines across all text files.",
            "Find the total number of non-empty lines across all text files."
        ),
        (
            "os",
            "You are an assistant that will act like a person. Answer with one of the three actions.\n\nNow, my problem is:\n\ntell me how many files are in the directory \"/etc\"?",
            "tell me how many files are in the directory \"/etc\"?"
        ),
        (
            "kg",
            "A new question: the uab hospital has which medical specialities concerned with hiv?\nEntities: [Medical specialty, hiv, UAB Hospital]",
            "the uab hospital has which medical specialities concerned with hiv?"
        ),
        (
            "kg",
            "Question: the bipropellant rocket engine with kerosene and gas-generator cycle is designed by who? \nEntities: [Gas-generator cycle, Kerosene]",
            "the bipropellant rocket engine with kerosene and gas-generator cycle is designed by who?"
        ),
        (
            "mind2web",
            "'''\n<html> <div> <input id=0 search /> </div> </html>\n'''\n\nBased on the HTML webpage above, try to complete the following task:\nTask: Find a comprehensive health screening for women in 10003.\nPrevious actions:\nNone\nWhat should be the next action?\n\nA. None of the above\nB. <input id=0 search />",
            "Find a comprehensive health screening for women in 10003."
        ),
        (
            "db",
            "How many French drivers who obtain the laptime less than 01:00.00?\nThere are 2 tables involved with this task. The name of the 1st table is drivers, and the headers of this table are driverId,driverRef.",
            "How many French drivers who obtain the laptime less than 01:00.00?"
        ),
        (
            "db",
            "Create a new record in the table 'Books' with the title 'The Great Gatsby'.\nThe name of the table is Books and its headers are title, author.",
            "Create a new record in the table 'Books' with the title 'The Great Gatsby'."
        ),
        (
            "swe-agent",
            "We're currently solving the following issue within our repository. Here's the issue text:\nISSUE:\nTimeDelta serialization precision\nHi there!\n\n\nINSTRUCTIONS:\nNow, you're going to solve this issue on your own.",
            "TimeDelta serialization precision Hi there!"
        ),
        (
            "openhands",
            "<uploaded_files>\n/workspace/ponylang__ponyc__0.1\n</uploaded_files>\nI've uploaded a C code repository in the directory ponylang__ponyc__0.1. Consider the following issue description:\n\n<issue_description>\nCommand line option parsing ignores defaults\n</issue_description>\n\nCan you help me implement the changes?",
            "Command line option parsing ignores defaults"
        ),
        (
            "mini-swe-agent",
            "<pr_description>\nConsider the following PR description:\nRefactor AutocompleteJsonView to support extra fields\n</pr_description>\n\n<instructions>\n# Task",
            "Refactor AutocompleteJsonView to support extra fields"
        ),
        (
            "mini-swe-agent", "Please solve this issue: GitHub Issue: SyntaxError: invalid syntax\n\nI'm running it",
            "GitHub Issue: SyntaxError: invalid syntax I'm running it"
        ),
        (
            "atif",
            "You are an AI assistant tasked with solving command-line tasks.\n\nTask Description:\nCreate a file called hello.txt with \"Hello, world!\" as the content.\n\nCurrent terminal state:\nCurrent Terminal Screen:\n",
            "Create a file called hello.txt with \"Hello, world!\" as the content."
        ),
        (
            "fireact", " \"JK Wedding Entrance Dance\" is a viral video that uses a song by a rapper",
            "\"JK Wedding Entrance Dance\" is a viral video that uses a song by a rapper"
        ),
        (
            "webarena", "What is the top-1 best-selling product in 2022",
            "What is the top-1 best-selling product in 2022"
        ),
    ])
    func goalWithoutBoilerplate(task: String, text: String, goal: String) {
        #expect(TaskGoal.goal(of: text, task: task) == goal)
    }

    /// Markers too plain to trust outside their task are not applied there.
    @Test func plainMarkersApplyOnlyToTheirTask() {
        let issue = "Fix the parser\nThere are two bugs in it."
        #expect(TaskGoal.goal(of: issue, task: "swe-agent") == "Fix the parser There are two bugs in it.")
        #expect(TaskGoal.goal(of: "Question: why?", task: "fireact") == "Question: why?")
    }

    /// A marker past the search budget is not looked for: a list row never scans a huge record.
    @Test func onlyTheStartOfAHugeTextIsSearched() {
        let text = String(repeating: "x", count: TaskGoal.searchBudget) + "\nYour task is to: hidden"
        #expect(TaskGoal.goal(of: text, task: "alfworld").count == TaskGoal.searchBudget)
    }

    @Test func webShopPagesSplitOnSEP() {
        let page =
            "Instruction: [SEP] i need a red mug [SEP] Back to Search [SEP] Page 1 (Total results: 50) [SEP] B09 [SEP] Red mug [SEP] $9.99"
        #expect(
            DialectText.webShopLines(page)
                == "Instruction:\ni need a red mug\nBack to Search\nPage 1 (Total results: 50)\nB09\nRed mug\n$9.99")
        #expect(DialectText.webShopLines("no separator") == "no separator")
    }

    @Test func mind2WebOptionLetterNamesItsOption() {
        let prompt =
            "Task: buy\nPrevious actions:\nNone\n\nA. None of the above\nB. <input id=0 search />\nC. <button id=1> Go </button>"
        #expect(DialectText.mind2WebOption("C", in: prompt) == "<button id=1> Go </button>")
        #expect(DialectText.mind2WebOption("A", in: prompt) == "None of the above")
        #expect(DialectText.mind2WebOption("F", in: prompt) == nil)
    }
}
