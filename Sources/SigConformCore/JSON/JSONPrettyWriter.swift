extension JSONWriter {
    /// How ``pretty(_:layout:)`` lays a document out on lines.
    package struct Layout: Sendable, Hashable {
        /// Spaces per nesting level.
        package var indent: Int
        /// When set, an object or array whose one-line form fits in this many columns (indent
        /// included) is written on one line, `{ "a": 1 }` / `["x", "y"]`, as the hand-written
        /// venue.json files are. When `nil`, every non-empty container is expanded.
        package var inlineWidth: Int?

        /// When set, an array of at most this many scalars is written on one line, `["a", "b"]`,
        /// whatever its width: the reports' tag, class and file lists read better so.
        package var scalarArrayLimit: Int?

        package init(indent: Int = 2, inlineWidth: Int? = nil, scalarArrayLimit: Int? = nil) {
            self.indent = indent
            self.inlineWidth = inlineWidth
            self.scalarArrayLimit = scalarArrayLimit
        }

        /// Byte for byte what Python's `json.dump(value, indent=2, ensure_ascii=False)` writes:
        /// the layout of the bundled vector files, so a tool that rewrites one changes only what it adds.
        package static let vectorFile = Layout()
        /// Short objects and arrays on one line, the layout of the bundled venue.json files.
        package static let venueFile = Layout(indent: 2, inlineWidth: 110)
        /// Every container expanded but short lists of scalars, the layout of report.json and
        /// baseline files.
        package static let report = Layout(indent: 2, scalarArrayLimit: 16)
    }

    /// `value` as indented text with a final newline. Object members keep their order and
    /// numbers their literal text, so reading a file and writing it back changes nothing.
    package static func pretty(_ value: JSONValue, layout: Layout = .vectorFile) -> String {
        var out = ""
        appendPretty(value, layout: layout, level: 0, column: 0, to: &out)
        out += "\n"
        return out
    }

    /// `value` as indented text to be placed `level` levels deep in a larger document: its first
    /// line is not indented (it follows a key or the caller's own indent), nor followed by a newline.
    package static func pretty(_ value: JSONValue, layout: Layout, level: Int) -> String {
        var out = ""
        appendPretty(value, layout: layout, level: level, column: layout.indent * level, to: &out)
        return out
    }

    static func appendPretty(_ value: JSONValue, layout: Layout, level: Int, column: Int, to out: inout String) {
        let items: [(key: String?, value: JSONValue)]
        let open: String
        let close: String
        switch value {
        case .array(let elements):
            items = elements.map { (nil, $0) }
            (open, close) = ("[", "]")
        case .object(let members):
            items = members.map { ($0.key, $0.value) }
            (open, close) = ("{", "}")
        default:
            append(value, style: .compact, to: &out)
            return
        }
        if items.isEmpty {
            out += open + close
            return
        }
        if let limit = layout.scalarArrayLimit, case .array(let elements) = value, elements.count <= limit,
           elements.allSatisfy(\.isScalar) {
            out += inline(value)
            return
        }
        if level > 0, let width = layout.inlineWidth {
            let line = inline(value)
            if column + line.count <= width {
                out += line
                return
            }
        }
        let padding = String(repeating: " ", count: layout.indent * (level + 1))
        out += open
        for (index, item) in items.enumerated() {
            out += (index == 0 ? "\n" : ",\n") + padding
            var prefix = ""
            if let key = item.key {
                appendString(key, style: .compact, to: &prefix)
                prefix += ": "
            }
            out += prefix
            appendPretty(item.value, layout: layout, level: level + 1, column: padding.count + prefix.count, to: &out)
        }
        out += "\n" + String(repeating: " ", count: layout.indent * level) + close
    }

    /// The one-line form used by ``Layout/inlineWidth``: spaces inside braces, none inside brackets.
    static func inline(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .array(let elements):
            out = "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let members) where members.isEmpty:
            out = "{}"
        case .object(let members):
            out = "{ " + members.map { member in
                var key = ""
                appendString(member.key, style: .compact, to: &key)
                return key + ": " + inline(member.value)
            }.joined(separator: ", ") + " }"
        default:
            append(value, style: .compact, to: &out)
        }
        return out
    }
}

extension JSONValue {
    /// Neither an array nor an object.
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}
