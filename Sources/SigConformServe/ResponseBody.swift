import SigConform

/// Fills the placeholders of a canned JSON body (venue.json "responses", a fixtures file).
///
/// A string value that is exactly `"{codeNumber}"` or `"{serverTimeNumber}"` becomes a JSON
/// number; `{code}`, `{message}`, `{serverTime}`, `{serverTimeSeconds}` and `{serverTimeISO}`
/// are replaced inside any string. Nothing else changes, so a body is written as the file has it.
struct ResponseBody: Sendable {
    var code: String = ""
    var message: String = ""
    /// The server's clock, ms since the epoch (with `--clock-offset` applied).
    var serverTime: Int64

    func render(_ template: JSONValue) -> String { JSONWriter.compact(fill(template)) }

    func fill(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            if text == "{codeNumber}" { return Int64(code).map { .number(String($0)) } ?? .string(code) }
            if text == "{serverTimeNumber}" { return .number(String(serverTime)) }
            guard text.contains("{") else { return value }
            return .string(text
                .replacingOccurrences(of: "{code}", with: code)
                .replacingOccurrences(of: "{message}", with: message)
                .replacingOccurrences(of: "{serverTimeSeconds}", with: String(serverTime / 1000))
                .replacingOccurrences(of: "{serverTimeISO}", with: TimestampCodec.format(serverTime, as: .iso8601Milliseconds))
                .replacingOccurrences(of: "{serverTime}", with: String(serverTime)))
        case .array(let items): return .array(items.map(fill))
        case .object(let members): return .object(members.map { ($0.key, fill($0.value)) })
        default: return value
        }
    }
}
