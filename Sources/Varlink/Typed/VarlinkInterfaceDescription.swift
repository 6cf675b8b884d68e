/// An interface description (Varlink IDL) read into its declarations, to compare an interface's
/// text with the types that implement it. Comments are skipped; inline structs and enums,
/// which the types here do not declare, are refused.
public struct VarlinkInterfaceDescription: Sendable {
    public struct Method: Hashable, Sendable {
        public var parameters: [VarlinkField]
        public var reply: [VarlinkField]

        public init(parameters: [VarlinkField], reply: [VarlinkField]) {
            self.parameters = parameters
            self.reply = reply
        }
    }

    public var name = ""
    public var types: [String: [VarlinkField]] = [:]
    public var methods: [String: Method] = [:]
    public var errors: [String: [VarlinkField]] = [:]

    public init(parsing text: String) throws(VarlinkSchemaError) {
        var tokens = Tokens(text)
        while let keyword = tokens.next() {
            switch keyword {
            case "interface":
                name = try tokens.word()
            case "type":
                let name = try tokens.word()
                types[name] = try tokens.fields()
            case "method":
                let name = try tokens.word()
                let parameters = try tokens.fields()
                try tokens.expect("->")
                methods[name] = Method(parameters: parameters, reply: try tokens.fields())
            case "error":
                let name = try tokens.word()
                errors[name] = try tokens.fields()
            default:
                throw VarlinkSchemaError(type: keyword, reason: "is not a declaration")
            }
        }
    }
}

/// The words and signs of an interface description.
private struct Tokens {
    private var scalars: [Unicode.Scalar]
    private var index = 0
    private var pending: String?

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    mutating func next() -> String? {
        if let pending {
            self.pending = nil
            return pending
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if scalar.properties.isWhitespace {
                index += 1
            } else {
                break
            }
        }
        guard index < scalars.count else { return nil }
        let start = index
        let scalar = scalars[index]
        if scalar == "-", index + 1 < scalars.count, scalars[index + 1] == ">" {
            index += 2
        } else if scalar == "[" {
            while index < scalars.count, scalars[index] != "]" { index += 1 }
            index += 1
        } else if "(),:?".unicodeScalars.contains(scalar) {
            index += 1
        } else {
            while index < scalars.count,
                scalars[index].properties.isAlphabetic || scalars[index] == "_"
                    || scalars[index] == "." || ("0"..."9").contains(scalars[index])
            {
                index += 1
            }
            if index == start { index += 1 }
        }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    mutating func peek() -> String? {
        if pending == nil { pending = next() }
        return pending
    }

    mutating func expect(_ token: String) throws(VarlinkSchemaError) {
        let found = next()
        guard found == token else {
            throw VarlinkSchemaError(type: found ?? "the end", reason: "found where \(token) was expected")
        }
    }

    mutating func word() throws(VarlinkSchemaError) -> String {
        guard let word = next(), word.first?.isLetter == true else {
            throw VarlinkSchemaError(type: "a name", reason: "is missing")
        }
        return word
    }

    /// `(name: type, …)`.
    mutating func fields() throws(VarlinkSchemaError) -> [VarlinkField] {
        try expect("(")
        var fields: [VarlinkField] = []
        if peek() == ")" {
            _ = next()
            return fields
        }
        while true {
            let name = try word()
            guard peek() == ":" else {
                throw VarlinkSchemaError(type: name, reason: "has no type (enums are not supported)")
            }
            _ = next()
            fields.append(VarlinkField(name, try type()))
            let separator = next()
            if separator == ")" { return fields }
            guard separator == "," else {
                throw VarlinkSchemaError(type: separator ?? "the end", reason: "found where , or ) was expected")
            }
        }
    }

    mutating func type() throws(VarlinkSchemaError) -> VarlinkType {
        guard let token = next() else { throw VarlinkSchemaError(type: "a type", reason: "is missing") }
        switch token {
        case "?": return .optional(try type())
        case "[]": return .array(try type())
        case "bool": return .bool
        case "int": return .int
        case "float": return .float
        case "string": return .string
        case "object": return .object
        case "(": throw VarlinkSchemaError(type: "an inline struct or enum", reason: "is not supported")
        default:
            guard token.first?.isUppercase == true else {
                throw VarlinkSchemaError(type: token, reason: "is not a type")
            }
            return .named(token)
        }
    }
}
