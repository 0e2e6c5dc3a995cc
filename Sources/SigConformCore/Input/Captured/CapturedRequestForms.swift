// The forms sigconform reads captured requests in; each wraps its parser (in `Input/`).

/// A curl command line, as copied from a browser's network panel or an API's docs.
package struct CurlForm: CapturedRequestForm, RequestParsingForm {
    package init() {}
    package var name: String { "curl line" }
    package func recognizes(_ input: CapturedInput) -> Bool { input.start.hasPrefix("curl ") || input.start.hasPrefix("curl\t") }
    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        let command: CurlCommand
        do { command = try CurlParser().parse(input.text) } catch {
            throw InputError(error, file: input.name)
        }
        let notes = command.ignoredOptions.isEmpty ? [] : ["ignored curl options that do not change the request: \(command.ignoredOptions.joined(separator: " "))"]
        return [CapturedRequest(id: "curl", request: command.request, origin: VectorOrigin(file: input.name, pointer: "", location: nil),
                                label: input.name, notes: notes)]
    }
}

/// A raw HTTP/1.1 request (request line, headers, body). The catch-all for text that is not JSON.
package struct HTTPMessageForm: CapturedRequestForm, RequestParsingForm {
    package init() {}
    package var name: String { "raw HTTP request" }
    package func recognizes(_ input: CapturedInput) -> Bool { input.json == nil }
    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        let request: HTTPRequest
        do { request = try HTTPMessageParser().parse(input.bytes) } catch {
            throw InputError(error, file: input.name)
        }
        return [CapturedRequest(id: "http", request: request, origin: VectorOrigin(file: input.name, pointer: "", location: nil), label: input.name)]
    }
}

/// A HAR file (HTTP Archive 1.2): every entry, as `har-entry-N` (counted from 1).
struct HARForm: CapturedRequestForm {
    package init() {}
    package var name: String { "HAR file" }
    package func recognizes(_ input: CapturedInput) -> Bool { input.json?.document.root["log"] != nil }
    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        guard let reader = input.json else { throw InputError(file: input.name, message: "a HAR file is JSON") }
        return try HARParser.parse(reader).map { entry in
            let pointer = "/log/entries/\(entry.index)"
            return CapturedRequest(id: "har-entry-\(entry.index + 1)", request: entry.request,
                                   origin: VectorOrigin(file: reader.file, pointer: pointer, location: reader.document.location(of: pointer)),
                                   label: "\(reader.file) entry \(entry.index + 1)", isOneOfMany: true)
        }
    }
}

/// A vector file (it has a `format` member): every vector, expectations included.
struct VectorFileForm: CapturedRequestForm {
    package init() {}
    package var name: String { "vector file" }
    package func recognizes(_ input: CapturedInput) -> Bool { input.json?.document.root["format"] != nil }
    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        guard let reader = input.json else { throw InputError(file: input.name, message: "a vector file is JSON") }
        return try VectorDecoder().decodeFile(reader).map(CapturedRequest.init)
    }
}

/// A vector's `request` object on its own (`record --request`); never sniffed, since a case or
/// a vector file says more and a typo in one must not make it read as a bare request.
package struct RequestObjectForm: CapturedRequestForm {
    package init() {}
    package var name: String { "request object" }
    package func recognizes(_ input: CapturedInput) -> Bool { false }
    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        guard let reader = input.json else { throw InputError(file: input.name, message: "a request object is JSON", hint: "{\"method\": …, \"path\": …}") }
        let request = try VectorDecoder().decodeRequest(reader.document.root, at: "", reader: reader)
        return [CapturedRequest(id: "request", request: request, origin: VectorOrigin(file: input.name, pointer: "", location: nil), label: input.name)]
    }
}
