/// Realistic synthetic AgentInstruct trajectories in all six task dialects,
/// for benchmarks and for demos at scale.
///
/// Records follow the released data's shape and quirks (FORMATS.md §1): the
/// `conversations` / `from` / `value` / `loss` schema and key order, each
/// task's prompt, handshake and in-context example, its thought and action
/// grammar, turn counts and lengths close to the real splits, OS output with
/// raw terminal escapes and `\r\n`, long single-line WebShop pages, Mind2Web
/// HTML, and non-ASCII text (accents, CJK, fullwidth punctuation, zero-width
/// spaces). Task shares follow AgentInstruct (db 29%, webshop 19%,
/// alfworld 18%, kg 17%, os 10%, mind2web 7%). The same seed gives the same
/// bytes.
///
/// ```swift
/// var synth = SyntheticTrajectories(seed: 1)
/// let line = synth.next()   // one JSONL record, without the line break
/// ```
public struct SyntheticTrajectories {
    private var generator: SeededGenerator
    private var counters: [String: Int] = [:]
    private let tasks: [String]

    /// Tasks and their weights in AgentInstruct (trajectories per split).
    public static let taskWeights: [(task: String, weight: Int)] = [
        ("os", 195), ("db", 538), ("alfworld", 336), ("webshop", 351), ("kg", 324), ("mind2web", 122),
    ]

    /// - parameter tasks: limit to these tasks (weights kept among them); all six when empty.
    public init(seed: UInt64, tasks: [String] = []) {
        generator = SeededGenerator(seed: seed)
        self.tasks = tasks
    }

    /// The next record as one JSON line (no line break).
    public mutating func next() -> [UInt8] {
        let task = pickTask()
        let number = counters[task, default: 0]
        counters[task] = number + 1
        let turns: [(String, String)]
        switch task {
        case "os": turns = os()
        case "db": turns = db()
        case "alfworld": turns = alfworld()
        case "webshop": turns = webshop()
        case "kg": turns = kg()
        default: turns = mind2web()
        }
        var out: [UInt8] = []
        out.reserveCapacity(turns.reduce(0) { $0 + $1.1.utf8.count } + 64 * turns.count)
        out.append(contentsOf: #"{"conversations": ["#.utf8)
        for (index, turn) in turns.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            let (from, loss) =
                turn.0 == "handshake" ? ("gpt", "false") : turn.0 == "gpt" ? ("gpt", "true") : ("human", "null")
            out.append(contentsOf: #"{"from": ""#.utf8)
            out.append(contentsOf: from.utf8)
            out.append(contentsOf: #"", "loss": "#.utf8)
            out.append(contentsOf: loss.utf8)
            out.append(contentsOf: #", "value": "#.utf8)
            JSONWriter.writeString(turn.1, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"], "id": ""#.utf8)
        out.append(contentsOf: "\(task)_\(number)".utf8)
        out.append(contentsOf: #""}"#.utf8)
        return out
    }

    // MARK: - Tasks

    private mutating func os() -> [(String, String)] {
        var turns: [(String, String)] = [("human", Prompts.os)]
        turns += Prompts.osExample
        let file = "/root/\(pick(Words.nouns))_\(int(1...99)).\(pick(["txt", "log", "csv", "conf"]))"
        let question =
            "How many \(pick(["lines", "files", "users", "processes", "directories"])) "
            + "\(pick(["mention", "contain", "match", "refer to"])) \"\(pick(Words.nouns))\" in \(file)?"
        turns.append(("human", "Now, I will start a new problem in a new OS. My problem is:\n\n\(question)"))
        let host = hex(12)
        let rounds = int(1...4)
        var count = 0
        for round in 0..<rounds {
            let command = pick([
                "grep -c \"\(pick(Words.nouns))\" \(file)",
                "find /root -type f -name \"*.\(pick(["txt", "log"]))\" | wc -l",
                "cat \(file) | head -n \(int(3...20))", "ls -la /root/\(pick(Words.nouns))", "wc -l \(file)",
                "awk -F: '{print $1}' /etc/passwd | sort | uniq -c",
            ])
            turns.append(
                ("gpt", "Think: \(sentence(8...22))\n\nAct: bash\n\n```bash\n\(command)\n```"))
            count = int(0...400)
            var output = ""
            for _ in 0..<int(1...12) {
                output +=
                    pick([
                        "\(count)", "/root/\(pick(Words.nouns))/\(pick(Words.nouns)).txt",
                        "\u{1B}[01;31m\u{1B}[K\(pick(Words.nouns))\u{1B}[m\u{1B}[K: \(sentence(3...9))",
                        "-rw-r--r-- 1 root root \(int(10...99999)) Sep  \(int(1...30)) 09:41 \(pick(Words.nouns)).log",
                    ]) + "\r\n"
            }
            if round == rounds - 1, bool(0.2) { output += "[truncated because the output is too long]" }
            output += "\u{1B}]0;root@\(host): /\u{07}root@\(host):/# \u{1B}[K"
            turns.append(("human", "The output of the OS:\n\n\(output)"))
        }
        turns.append(("gpt", "Think: Now I get the answer, it is \(count).\n\nAct: answer(\(count))"))
        return turns
    }

    private mutating func db() -> [(String, String)] {
        var turns: [(String, String)] = [("human", Prompts.db), ("handshake", "Ok.")]
        let table = pick(Words.tables)
        let columns = (0..<int(3...8)).map { _ in pick(Words.columns) }
        let value = pick([
            "Café \(pick(Words.cjk))", "Espa\u{F1}a", "S\u{E3}o Paulo", "\(int(1...9999))", "Customer_\u{200B}name",
            pick(Words.nouns),
        ])
        var question =
            "What is the \(pick(["total", "average", "highest", "number of"])) \(pick(columns)) "
            + "of \(table) where \(pick(columns)) is '\(value)'\(bool(0.1) ? "？" : "?")\n"
            + "The name of this table is \(table), and the headers of this table are \(columns.joined(separator: ","))."
        if bool(0.3) { question = "Insert a new row into \(table) with \(pick(columns)) = '\(value)'.\n" + question }
        turns.append(("human", question))
        var answer = "\(int(0...5000))"
        for _ in 0..<int(1...3) {
            let sql =
                "SELECT \(pick(["COUNT(*)", "SUM(`\(pick(columns))`)", "MAX(`\(pick(columns))`)", "`\(pick(columns))`"])) "
                + "FROM `\(table)` WHERE `\(pick(columns))` = '\(value)'"
            turns.append(("gpt", "\(sentence(10...30))\nAction: Operation\n```sql\n\(sql)\n```"))
            answer = bool(0.1) ? "\(value)" : "\(int(0...5000))"
            let observation =
                bool(0.08)
                ? "1054 (42S22): Unknown column '\(pick(columns))' in 'where clause'"
                : bool(0.2) ? "[]" : "[(\(bool(0.5) ? "'\(answer)'" : answer),)]"
            turns.append(("human", observation))
        }
        let final = bool(0.05) ? "The results match the provided answer." : sentence(6...18)
        turns.append(("gpt", "\(final)\nAction: Answer\nFinal Answer: [\"\(answer)\"]"))
        return turns
    }

    private mutating func alfworld() -> [(String, String)] {
        var turns: [(String, String)] = [
            ("human", Prompts.alfworld),
            ("handshake", "OK. I'll follow your instructions and try my best to solve the task."),
        ]
        let places = (1...int(8...20)).map { _ in "\(pick(Words.receptacles)) \(int(1...6))" }
        let object = pick(Words.objects)
        let target = pick(Words.receptacles)
        turns.append(
            (
                "human",
                "Here is your task. You are in the middle of a room. Looking quickly around you, you see "
                    + places.map { "a \($0)" }.joined(separator: ", ")
                    + ".\nYour task is to: put a \(object) in \(target)."
            ))
        for step in 0..<int(4...30) {
            let place = pick(places)
            let action =
                step == 0
                ? "go to \(place)"
                : pick([
                    "go to \(place)", "open \(place)", "take \(object) \(int(1...3)) from \(place)", "examine \(place)",
                ])
            let prefix = bool(0.12) ? "THOUGHT: \(sentence(8...20))\nACTION: " : bool(0.1) ? "\n ACTION: " : "ACTION: "
            turns.append(("gpt", prefix + action))
            turns.append(
                (
                    "human",
                    bool(0.1)
                        ? "Nothing happens."
                        : "On the \(place), you see "
                            + (0..<int(0...4)).map { _ in "a \(pick(Words.objects)) \(int(1...5))" }
                            .joined(separator: ", ") + "."
                ))
        }
        turns.append(("gpt", "ACTION: put \(object) \(int(1...3)) in/on \(target) \(int(1...3))"))
        return turns
    }

    private mutating func webshop() -> [(String, String)] {
        var turns: [(String, String)] = [("human", Prompts.webshop), ("handshake", "Ok.")]
        let goal =
            "i need a \(pick(Words.adjectives)) \(pick(Words.products)) that is \(pick(Words.adjectives)), "
            + "and price lower than \(int(20...300)).00 dollars"
        turns.append(("human", "WebShop [SEP] Instruction: [SEP] \(goal) [SEP] Search"))
        turns.append(("gpt", "Thought:\n\(sentence(10...24))\n\nAction:\nsearch[\(goal.split(separator: ",")[0])]"))
        var page =
            "Instruction: [SEP] \(goal) [SEP] Back to Search [SEP] Page 1 (Total results: 50) [SEP] Next > [SEP] "
        let asin = "B0" + hex(8).uppercased()
        for index in 0..<int(6...10) {
            let id = index == 0 ? asin : "B0" + hex(8).uppercased()
            page += "\(id) [SEP] \(sentence(10...25)) [SEP] $\(int(5...299)).\(int(10...99)) [SEP] "
        }
        turns.append(("human", page))
        turns.append(("gpt", "Thought:\n\(sentence(8...18))\n\nAction:\nclick[\(asin)]"))
        turns.append(
            (
                "human",
                "Instruction: [SEP] \(goal) [SEP] Back to Search [SEP] < Prev [SEP] size [SEP] small [SEP] medium [SEP] large "
                    + "[SEP] \(sentence(20...60)) [SEP] Price: $\(int(5...299)).99 [SEP] Rating: N.A. [SEP] Description [SEP] "
                    + "Features [SEP] Reviews [SEP] Buy Now"
            ))
        if bool(0.5) {
            turns.append(
                ("gpt", "Thought:\n\(sentence(6...14))\n\nAction:\nclick[\(pick(["small", "medium", "large"]))]"))
            turns.append(("human", "You have clicked the option. [SEP] Buy Now"))
        }
        turns.append(("gpt", "Thought:\n\(sentence(6...14))\n\nAction:\nclick[Buy Now]"))
        return turns
    }

    private mutating func kg() -> [(String, String)] {
        var turns: [(String, String)] = [
            ("human", Prompts.kg), ("handshake", "I've understood your instruction, start please."),
        ]
        turns += Prompts.kgExample
        let entity = "\(capitalized(pick(Words.adjectives))) \(capitalized(pick(Words.nouns)))"
        turns.append(("human", "A new question: \(sentence(8...16))?\nEntities: [\(entity)]"))
        var variable = 0
        for _ in 0..<int(2...7) {
            let relation = "\(pick(Words.nouns)).\(pick(Words.nouns))_\(pick(Words.nouns)).\(pick(Words.columns))"
            let call = pick([
                "get_relations(\(entity))", "get_neighbors(#\(max(0, variable - 1)), \(relation))",
                "get_attributes(#\(variable))", "intersection(#0, #\(variable))", "count(#\(variable))",
            ])
            turns.append(("gpt", "Thought: \(sentence(12...30))\nAction: \(call)"))
            let observation =
                call.hasPrefix("get_relations")
                ? "Observation: ["
                    + (0..<int(4...30)).map { _ in
                        "\(pick(Words.nouns)).\(pick(Words.nouns))_\(pick(Words.nouns)).\(pick(Words.columns))"
                    }.joined(separator: ", ") + "]"
                : "Observation: variable #\(variable), which are instances of \(pick(Words.nouns)).\(pick(Words.nouns))"
            turns.append(("human", observation))
            variable += 1
        }
        turns.append(
            ("gpt", "Thought: #\(variable - 1) is the final answer to the question.\nFinal Answer: #\(variable - 1)"))
        return turns
    }

    private mutating func mind2web() -> [(String, String)] {
        var html = "'''\n<html> <div> "
        for index in 0..<int(8...30) {
            html += pick([
                "<button id=\(index)> \(pick(Words.nouns)) </button> ", "<a id=\(index)> \(sentence(2...6)) </a> ",
                "<input id=\(index) \(pick(Words.columns)) \(pick(Words.nouns)) /> ",
                "<select id=\(index)> <option> \(pick(Words.nouns)) </option> </select> ",
                "<span> \(sentence(3...10)) </span> ",
            ])
        }
        html += "</div> </html>\n'''\n\n"
        let task = sentence(8...18)
        var choices = "A. None of the above\n"
        for letter in ["B", "C", "D", "E", "F"] {
            choices += "\(letter). <button id=\(int(0...30))> \(pick(Words.nouns)) </button>\n"
        }
        let prompt =
            html + "Based on the HTML webpage above, try to complete the following task:\nTask: \(task)\n"
            + "Previous actions:\n\(bool(0.5) ? "None" : "[link]  \(pick(Words.nouns)) -> CLICK")\n"
            + "What should be the next action? Please select from the following choices (If the correct action is not in "
            + "the page above, please select A. 'None of the above'):\n\n" + choices
        let operation = pick(["CLICK", "TYPE", "SELECT", "CLICK"])
        let value = operation == "CLICK" ? "" : "\nValue: \(pick(Words.nouns)) \(int(1...99))"
        let answer =
            bool(0.03)
            ? "" : "Thought: \(sentence(6...16))\nAnswer: \(pick(["B", "C", "D", "E"])).\nAction: \(operation)\(value)"
        return [("human", prompt), ("gpt", answer)]
    }

    // MARK: - Randomness

    private mutating func pickTask() -> String {
        let candidates = Self.taskWeights.filter { tasks.isEmpty || tasks.contains($0.task) }
        var roll = Int.random(in: 0..<candidates.reduce(0) { $0 + $1.weight }, using: &generator)
        for candidate in candidates {
            if roll < candidate.weight { return candidate.task }
            roll -= candidate.weight
        }
        return candidates[0].task
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    private mutating func bool(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &generator) < probability
    }

    private mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &generator)] }

    private mutating func hex(_ count: Int) -> String {
        String((0..<count).map { _ in pick(Array("0123456789abcdef")) })
    }

    private func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

    private mutating func sentence(_ length: ClosedRange<Int>) -> String {
        var words: [String] = []
        for index in 0..<int(length) {
            var word = pick(bool(0.02) ? Words.cjkWords : Words.common)
            if index == 0 { word = capitalized(word) }
            words.append(word)
        }
        return words.joined(separator: " ") + "."
    }
}

/// Fixed texts of each task (the real splits repeat them in every record).
private enum Prompts {
    static let os = """
        You are an assistant that will act like a person, I'will play the role of linux(ubuntu) operating system. \
        Your goal is to implement the operations required by me or answer to the question proposed by me. For each of \
        your turn, you should first think what you should do, and then take exact one of the three actions: "bash", \
        "finish" or "answer". 

        1. If you think you should execute some bash code, take bash action, and you should print like this:

        Think: put your thought here.

        Act: bash

        ```bash
        # put your bash code here
        ```

        2. If you think you have finished the task, take finish action, and you should print like this:

        Think: put your thought here.

        Act: finish

        3. If you think you have got the answer to the question, take answer action, and you should print like this:

        Think: put your thought here.

        Act: answer(Your answer to the question should be put in this pair of parentheses)

        If the output is too long, I will truncate it. The truncated output is not complete. You have to deal with the \
        truncating problem by yourself. Attention, your bash code should not contain any input operation. Once again, \
        you should take only exact one of the three actions in each turn.

        Now, my problem is:

        tell me how many files are in the directory "/etc"?
        """
    static let osExample: [(String, String)] = [
        (
            "gpt",
            "Think: To count the files in /etc, I need to print all the files in it.\n\nAct: bash\n\n```bash\nls /etc\n```"
        ),
        (
            "human",
            "The output of the OS:\ncpi cron.hourly fuse.conf iproute2 lvm networkd-dispatcher protocols selinux tmpfiles.d [truncated because the output is too long]"
        ),
        (
            "gpt",
            "Think: The output has been truncated because it is too long, so I need to count files by script directly.\n\nAct: bash\n\n```bash\nls -1 /etc | wc -l\n```"
        ),
        ("human", "The output of the OS:\n220"),
        ("gpt", "Think: Now I get the answer, it is 220.\n\nAct: answer(220)"),
    ]
    static let db = """
        I will ask you a question, then you should help me operate a MySQL database with SQL to answer the question.
        You have to explain the problem and your solution to me and write down your thoughts.
        After thinking and explaining thoroughly, every round you can choose to operate or to answer.
        your operation should be like this:
        Action: Operation
        ```sql
        SELECT * FROM table WHERE condition;
        ```
        You MUST put SQL in markdown format without any other comments. Your SQL should be in one line.
        Every time you can only execute one SQL statement. I will only execute the statement in the first SQL code block. \
        Every time you write a SQL, I will execute it for you and give you the output.
        If you are done operating, and you want to commit your final answer, then write down:
        Action: Answer
        Final Answer: ["ANSWER1", "ANSWER2", ...]
        DO NOT write this pattern unless you are sure about your answer. I expect an accurate and correct answer.
        Your answer should be accurate. Your answer must be exactly the same as the correct answer.
        If the question is about modifying the database, then after done operation, your answer field can be anything.
        If your response cannot match any pattern I mentioned earlier, you will be judged as FAIL immediately.
        Your input will be raw MySQL response, you have to deal with it by yourself.
        """
    static let alfworld = """
        Interact with a household to solve a task. Imagine you are an intelligent agent in a household environment and \
        your target is to perform actions to complete the task goal. At the beginning of your interactions, you will be \
        given the detailed description of the current environment and your goal to accomplish. For each of your turn, you \
        will be given a list of actions which you can choose one to perform in this turn. You should choose from two \
        actions: "THOUGHT" or "ACTION". If you choose "THOUGHT", you should first think about the current condition and \
        plan for your future actions, and then output your action in this turn. Your output must strictly follow this \
        format:"THOUGHT: your thoughts.\\n ACTION: your next action\\n"; If you choose "ACTION", you should directly output \
        the action in this turn. Your output must strictly follow this format:"ACTION: your next action\\n". After your \
        each turn, the environment will give you immediate feedback based on which you plan your next few steps. if the \
        envrionment output "Nothing happened", that means the previous action is invalid and you should try more options.
         Reminder: 
        1. the action must be chosen from the given available actions. Any actions except provided available actions will \
        be regarded as illegal. 
        2. Think when necessary, try to act directly more in the process.
        """
    static let webshop = """
        You are web shopping.
        I will give you instructions about what to do.
        You have to follow the instructions.
        Every round I will give you an observation and a list of available actions, you have to respond an action based \
        on the state and instruction.
        You can use search action if search is available.
        You can click one of the buttons in clickables.
        An action should be of the following structure:
        search[keywords]
        click[value]
        If the action is not valid, perform nothing.
        Keywords in search are up to you, but the value in click must be a value in the list of available actions.
        Remember that your keywords in search should be carefully designed.
        Your response should use the following format:

        Thought:
        I think ... 

        Action: 
        click[something]
        """
    static let kg = """
        You are an agent that answers questions based on the knowledge stored in a knowledge base. To achieve this, you \
        can use the following tools to query the KB.

        1. get_relations(variable: var) -> list of relations
        A variable can be either an entity or a set of entities (i.e., the result of a previous query). This function helps \
        to navigate all relations in the KB connected to the variable, so you can decide which relation is the most useful \
        to find the answer to the question.
        2. get_neighbors(variable: var, relation: str) -> variable
        Given a variable, this function returns all entities connected to the variable via the given relation.
        3. intersection(variable1: var, variable2: var) -> variable
        Given two variables, this function returns the intersection of the two variables. The two variables MUST be of the \
        same type!
        4. get_attributes(variable: var) -> list of attributes
        This function helps to find all numerical attributes of the variable.
        5. argmax(variable: var, attribute: str) -> variable
        6. argmin(variable: var, attribute: str) -> variable
        7. count(variable: var) -> int

        After a variable is produced along the process, you need to judge whether a variable is the final answer to the \
        question. Each variable is represented as an id starting from 0. For example, #0 is the first variable, #1 is the \
        second variable, and so on.
        Once you find the answer, respond with 'Final Answer: #id', where id is the id of the variable that you think is \
        the final answer.
        A new variable can only be obtained by calling the tools. Your response must be in the form of "Thought: ...\\nAction: \
        ...\\n" or "Thought: ...\\nFinal Answer: #id".
        """
    static let kgExample: [(String, String)] = [
        (
            "human",
            "Question: the bipropellant rocket engine with kerosene and gas-generator cycle is designed by who? \nEntities: [Gas-generator cycle, Kerosene]"
        ),
        (
            "gpt",
            "Thought: I need to first find engines with gas-generator cycle. To acheive this, I will query the KB to find relations connected to the entity 'Gas-generator cycle' and see if any of them can help me find the answer.\nAction: get_relations(Gas-generator cycle)"
        ),
        (
            "human",
            "Observation: [spaceflight.rocket_engine_cycle.rocket_engines, spaceflight.satellite.orbiting, spaceflight.rocket_stage.fuel, spaceflight.satellite_manufacturer.spacecraft_manufactured, automotive.fuel.engines]"
        ),
        (
            "gpt",
            "Thought: From the above relations, I might use spaceflight.rocket_engine_cycle.rocket_engines to find the engines of Gas-generator cycle.\nAction: get_neighbors(Gas-generator cycle, spaceflight.rocket_engine_cycle.rocket_engines)"
        ),
        ("human", "Observation: variable #0, which are instances of spaceflight.bipropellant_rocket_engine"),
        (
            "gpt",
            "Thought: I also need to find engines with kerosene. To acheive this, I will query the KB to find relations connected to the entity 'Kerosene'.\nAction: get_relations(Kerosene)"
        ),
        (
            "human",
            "Observation: [spaceflight.satellite_manufacturer.spacecraft_manufactured, automotive.fuel.engines, spaceflight.rocket_engine_cycle.rocket_engines]"
        ),
        (
            "gpt",
            "Thought: From the above relations, I might use spaceflight.rocket_engine_cycle.rocket_engines to find engines with kerosene cycle.\nAction: get_neighbors(Kerosene, spaceflight.rocket_engine_cycle.rocket_engines)"
        ),
        ("human", "Observation: variable #1, which are instances of spaceflight.bipropellant_rocket_engine"),
        (
            "gpt",
            "Thought: The engines with both gas-generator cycle and kerosene cycle shoule be the intersection of variable #0 and variable #1.\nAction: intersection(#0, #1)"
        ),
        ("human", "Observation: variable #2, which are instances of spaceflight.bipropellant_rocket_engine"),
        (
            "gpt",
            "Thought: Now I need to find who designed such engines, which will be the final answer. To acheive this, I will query the KB to find relations connected to the variable #2.\nAction: get_relations(#2)"
        ),
        (
            "human",
            "Observation: [spaceflight.rocket_engine.manufactured_by, spaceflight.rocket_engine.designed_by, spaceflight.rocket_engine.design_period, spaceflight.rocket_engine.status]"
        ),
        (
            "gpt",
            "Thought: From the above relations, I might use spaceflight.rocket_engine.designed_by to find the designer of the engines.\nAction: get_neighbors(#2, spaceflight.rocket_engine.designed_by)"
        ),
        ("human", "Observation: variable #3, which are instances of pspaceflight.rocket_engine_designer"),
        (
            "gpt",
            "Thought: #3 is the final answer to the question, which represents the target rocket engine designer.\nFinal Answer: #3"
        ),
    ]
}

/// Word lists the generator draws from.
private enum Words {
    static let common = """
        the a to of and in that is for it on with as this be by are at from or an was which can will not we have has \
        should need find query result table value first then check answer number file directory output command search \
        list item option price page click find next previous current total count all each more most least order \
        column row database select user system process memory disk network error warning line word match data set \
        relation entity variable question task goal step action observation think look see go take put open close
        """.split(separator: " ").map { String($0).trimmingCharacters(in: "\n") }
    static let cjkWords = ["東京", "数据", "검색", "café", "naïve", "Zürich", "año", "😀", "𝒙", "e\u{301}", "ｆｕｌｌ"]
    static let cjk = ["東京", "北京", "서울", "大阪"]
    static let nouns = [
        "error", "config", "report", "notes", "server", "user", "kernel", "backup", "cache", "session", "invoice",
        "order", "client", "driver", "engine", "planet", "album", "artist", "movie", "river", "mountain", "city",
    ]
    static let tables = ["singer", "orders", "employees", "races", "pitStops", "customers", "products", "flights"]
    static let columns = [
        "id", "name", "age", "country", "price", "date", "status", "duration", "rank", "year", "city",
    ]
    static let receptacles = [
        "shelf", "cabinet", "drawer", "countertop", "fridge", "microwave", "sinkbasin", "toilet", "desk", "bed",
    ]
    static let objects = [
        "spraybottle", "soapbar", "mug", "apple", "knife", "book", "pencil", "cellphone", "towel", "plate",
    ]
    static let adjectives = [
        "wireless", "waterproof", "organic", "stainless", "portable", "noise cancelling", "vegan", "lightweight",
    ]
    static let products = [
        "headphones", "shampoo", "running shoes", "coffee grinder", "yoga mat", "backpack", "tea", "phone case",
    ]
}
