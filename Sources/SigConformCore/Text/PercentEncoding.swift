import SigConformMAC

/// Percent-encoding as venues use it (RFC 3986 §2.1), with explicit choices where clients differ.
public enum PercentEncoding {
    /// Decodes `%XX` escapes and, when `plusIsSpace` (form semantics), `+` as space.
    /// Malformed escapes are kept as written; bytes that are not UTF-8 are replaced.
    public static func decode(_ text: String, plusIsSpace: Bool = true) -> String {
        // Nothing to decode (most keys and values, and every large padded one): the text itself.
        if !needsDecoding(text, plusIsSpace: plusIsSpace) { return text }
        return String(decoding: decodeBytes(text, plusIsSpace: plusIsSpace), as: UTF8.self)
    }

    private static func needsDecoding(_ text: String, plusIsSpace: Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains { $0 == UInt8(ascii: "%") || ($0 == UInt8(ascii: "+") && plusIsSpace) }
        } ?? true
    }

    /// Decodes to raw bytes, without interpreting them as UTF-8.
    public static func decodeBytes(_ text: String, plusIsSpace: Bool = true) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count, let value = Hex.decode(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self)) {
                out.append(value[0])
                index += 3
            } else if byte == UInt8(ascii: "+"), plusIsSpace {
                out.append(UInt8(ascii: " "))
                index += 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    /// Encodes every byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
    public static func encode(_ text: String, uppercaseHex: Bool = true, spaceAsPlus: Bool = false, keep: Set<UInt8> = []) -> String {
        // Text that is all unreserved (a canonical query's usual key and value) is its own encoding.
        let unchanged = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isUnreserved) } ?? false
        if unchanged { return text }
        let digits = Array((uppercaseHex ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || keep.contains(byte) {
                out.append(byte)
            } else if byte == UInt8(ascii: " "), spaceAsPlus {
                out.append(UInt8(ascii: "+"))
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether RFC 3986 leaves `byte` unencoded (letters, digits, `-._~`).
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }
}

/// One `key=value` item of a query string or form body, kept exactly as written.
public struct QueryItem: Sendable, Hashable {
    /// The item as it appeared between `&`s.
    public var raw: String
    /// The key, still encoded.
    public var rawKey: String
    /// The value, still encoded ("" when the item has no `=`).
    public var rawValue: String
    public var hasEquals: Bool

    public init(raw: String) {
        self.raw = raw
        // Bytes, not Characters: a server splits on the byte '=' even when a combining mark
        // follows it, and byte search is what keeps the diagnosis's many re-splits cheap.
        if let equals = Self.firstIndex(of: UInt8(ascii: "="), in: raw) {
            rawKey = String(raw[..<equals])
            rawValue = String(raw[raw.utf8.index(after: equals)...])
            hasEquals = true
        } else {
            rawKey = raw
            rawValue = ""
            hasEquals = false
        }
    }

    public var key: String { PercentEncoding.decode(rawKey) }
    public var value: String { PercentEncoding.decode(rawValue) }

    /// Splits a query string or form body on `&`, keeping empty items so rejoining is lossless.
    public static func split(_ query: String) -> [QueryItem] {
        guard !query.isEmpty else { return [] }
        // Split on the byte '&' (see init(raw:)); empty items are kept. The separators are
        // found in the contiguous UTF-8 of the string: the generic `split` over `String.UTF8View`
        // advanced a string index per byte, over half of a diagnosis of a 1 MB query, which
        // splits the query again for every candidate request (docs/performance.md).
        let utf8 = query.utf8
        let offsets = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.filter { bytes[$0] == UInt8(ascii: "&") }
        }
        guard let offsets else {
            return utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false).map { QueryItem(raw: String(Substring($0))) }
        }
        var items: [QueryItem] = []
        items.reserveCapacity(offsets.count + 1)
        var start = utf8.startIndex
        for offset in offsets {
            // An ASCII byte's offset is a character boundary: slicing there needs no validation.
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            items.append(QueryItem(raw: String(query[start..<end])))
            start = utf8.index(after: end)
        }
        items.append(QueryItem(raw: String(query[start...])))
        return items
    }

    /// Where one item lies in the text it was found in: UTF-8 offsets of the item's start and
    /// end and of its raw value's start (the item's end when it has no `=`).
    package struct Offsets: Sendable, Equatable {
        package var start: Int
        package var end: Int
        package var valueStart: Int
    }

    /// The last item of `text` whose key decodes to `name`, passing over the `skipping` last
    /// such items: what `split(text).last { $0.key == name }` finds (`skipping` 0), found in the
    /// bytes without a `String` per item. A view reads a timestamp or signature this way, and
    /// splitting the whole query into items for it was 4.4 k instructions a request (issue 20).
    /// `.some(nil)` when there is no such item; nil when the bytes cannot answer and the
    /// caller splits instead: an empty `name` (an empty item has that key, and ``split(_:)``
    /// drops the one item of empty text), or text without contiguous UTF-8.
    package static func last(named name: String, in text: String, skipping: Int = 0) -> Offsets?? {
        guard !name.isEmpty else { return nil }
        var name = name
        let nameIsASCII = name.withUTF8 { $0.allSatisfy { $0 < 0x80 } }
        var skipped = 0
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Offsets? in
            var end = bytes.count
            while true {
                // Items from the last: each starts after the `&` before it, or at the text's start.
                var start = end
                while start > 0, bytes[start - 1] != UInt8(ascii: "&") { start -= 1 }
                var equals = start
                while equals < end, bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                let key = UnsafeBufferPointer(rebasing: bytes[start..<equals])
                if keyIs(name: &name, nameIsASCII: nameIsASCII, rawKey: key) {
                    if skipped == skipping { return Offsets(start: start, end: end, valueStart: min(equals + 1, end)) }
                    skipped += 1
                }
                guard start > 0 else { return nil }
                end = start - 1
            }
        }
    }

    /// Whether a raw key decodes to `name`: compared as bytes when both are ASCII and the key
    /// holds nothing to decode (ASCII text is canonically equal only to the same bytes), else
    /// as decoded `String`s, as `key == name` compares.
    private static func keyIs(name: inout String, nameIsASCII: Bool, rawKey: UnsafeBufferPointer<UInt8>) -> Bool {
        let plain = nameIsASCII && !rawKey.contains { $0 >= 0x80 || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }
        guard plain else { return PercentEncoding.decode(String(decoding: rawKey, as: UTF8.self)) == name }
        return name.withUTF8 { name in
            guard name.count == rawKey.count else { return false }
            for index in name.indices where name[index] != rawKey[index] { return false }
            return true
        }
    }

    /// `text`'s UTF-8 from `start` to `end` (offsets at `&`, `=` or the ends: scalar boundaries),
    /// copied from its storage: no string index is walked.
    package static func slice(_ text: String, _ start: Int, _ end: Int) -> String {
        var text = text
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// `text` without the item at `offsets` and one separator: the one before it, or the one
    /// after a first item; what ``removing(_:of:from:)`` cuts, written in one string.
    package static func removing(_ offsets: Offsets, from text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let (cutStart, cutEnd) = offsets.start > 0 ? (offsets.start - 1, offsets.end) : (0, min(offsets.end + 1, bytes.count))
            let count = bytes.count - (cutEnd - cutStart)
            return String(unsafeUninitializedCapacity: count) { out in
                let head = out.initialize(fromContentsOf: bytes[..<cutStart])
                _ = UnsafeMutableBufferPointer(rebasing: out[head...]).initialize(fromContentsOf: bytes[cutEnd...])
                return count
            }
        }
    }

    /// The index of the first `byte` in `text`'s UTF-8, searched in its contiguous storage.
    static func firstIndex(of byte: UInt8, in text: String) -> String.Index? {
        let utf8 = text.utf8
        guard let offset = utf8.withContiguousStorageIfAvailable({ $0.firstIndex(of: byte) }) else { return utf8.firstIndex(of: byte) }
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// Joins items back with `&`.
    public static func join(_ items: [QueryItem]) -> String { items.map(\.raw).joined(separator: "&") }

    /// `text`, which ``split(_:)`` made `items` of, without item `index`: the ``join(_:)`` of the
    /// other items, cut out of the text instead of joined again.
    package static func removing(_ index: Int, of items: [QueryItem], from text: String) -> String {
        let start = items[..<index].reduce(0) { $0 + $1.raw.utf8.count + 1 }
        let end = start + items[index].raw.utf8.count
        let utf8 = text.utf8
        // The item and one separator: the one before it, or the one after the first item.
        let (cutStart, cutEnd) = index > 0 ? (start - 1, end) : (start, min(end + 1, utf8.count))
        // Both ends are at `&` or an end of the text: scalar boundaries.
        return String(Substring(utf8[..<utf8.index(utf8.startIndex, offsetBy: cutStart)]))
            + String(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: cutEnd)...]))
    }
}
