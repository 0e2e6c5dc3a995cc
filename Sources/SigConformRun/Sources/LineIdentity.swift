/// Who a JSON Lines vector is (its `venue`, `id` and `tags`), read from the line's bytes
/// without decoding it, so a `--shard` run decodes only its own share of a corpus: the
/// other shards' lines cost a scan of their bytes instead of a parse and a decode.
///
/// The scan reads only the top-level members it needs and skips the others by their
/// brackets and strings; it does not validate. It gives up (`nil`) whenever the decoder
/// could read the line differently: a name or value with an escape, a repeated member, a
/// value of another kind, a line that is not an object. A line it gives up on is decoded as
/// before, so the scan changes which lines are decoded, never which shard a vector is in: a
/// line the scan reads and the decoder accepts has this venue, id and tags.
struct LineIdentity: Equatable, Sendable {
    var venue: String
    var id: String
    var tags: [String]

    /// `venue/id`, as ``Vector/qualifiedID`` spells it (the shard split hashes it).
    var qualifiedID: String { "\(venue)/\(id)" }

    static func scan(_ bytes: ArraySlice<UInt8>) -> LineIdentity? {
        var scanner = Scanner(bytes: bytes)
        return scanner.identity()
    }

    private struct Scanner {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        mutating func identity() -> LineIdentity? {
            var venue: String?
            var id: String?
            var tags: [String]?
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            skipSpace()
            if take(UInt8(ascii: "}")) { return nil }
            while true {
                skipSpace()
                guard let name = plainString() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                switch name {
                case "venue":
                    guard venue == nil, let value = plainString() else { return nil }
                    venue = value
                case "id":
                    guard id == nil, let value = plainString() else { return nil }
                    id = value
                case "tags":
                    guard tags == nil, let value = plainStrings() else { return nil }
                    tags = value
                default:
                    guard skipValue() else { return nil }
                }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                break
            }
            guard let venue, let id else { return nil }
            return LineIdentity(venue: venue, id: id, tags: tags ?? [])
        }

        /// A string without escapes (an escape could spell a name or value the scan would misread).
        mutating func plainString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.endIndex {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    defer { index += 1 }
                    return String(decoding: bytes[start..<index], as: UTF8.self)
                case UInt8(ascii: "\\"): return nil
                default: index += 1
                }
            }
            return nil
        }

        /// An array of plain strings.
        mutating func plainStrings() -> [String]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var strings: [String] = []
            skipSpace()
            if take(UInt8(ascii: "]")) { return strings }
            while true {
                skipSpace()
                guard let string = plainString() else { return nil }
                strings.append(string)
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? strings : nil
            }
        }

        /// Moves past one value: a string, or an object or array by its brackets (strings inside
        /// skipped whole, so a bracket in a string does not count), or a scalar up to the byte
        /// that ends it.
        mutating func skipValue() -> Bool {
            var depth = 0
            while index < bytes.endIndex {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
                    if depth == 0 { return true }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return true }
                    depth -= 1
                    index += 1
                    if depth == 0 { return true }
                    continue
                case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                    if depth == 0 { return true }
                default: break
                }
                index += 1
            }
            return false
        }

        /// Moves past a string, escapes included.
        mutating func skipString() -> Bool {
            index += 1
            while index < bytes.endIndex {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return true
                case UInt8(ascii: "\\"): index += 2
                default: index += 1
                }
            }
            return false
        }

        mutating func skipSpace() {
            while index < bytes.endIndex {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
            return true
        }
    }
}
