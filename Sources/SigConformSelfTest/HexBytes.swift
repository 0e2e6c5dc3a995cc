import SigConformMAC

/// Bytes written in a JSON vector file as a hex string (either case, even length, may be empty).
package struct HexBytes: Decodable, Sendable, Hashable {
    package let bytes: [UInt8]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let bytes = Hex.decode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an even-length hex string: \"\(text.prefix(40))\"")
        }
        self.bytes = bytes
    }
}
