/// Typed access to a parsed JSON document that turns every type mismatch, missing member or
/// unknown member into an ``InputError`` with file, line:column and JSON pointer.
///
/// Pointers are taken as autoclosures: they are built only for an error, not for every value read.
///
/// A strict reader (``init(file:document:)``, what `check` uses) throws at the first problem. A
/// collecting reader (``collecting(file:document:_:)``, what `lint` uses) logs a problem and goes
/// on where the decoder can: an unknown member is logged and left out (a misspelt one is read as
/// the name it was meant to be), and a value read through ``recovering(_:)`` that has a problem
/// is logged and skipped, so one pass finds every independent problem of a file.
public struct JSONReader: Sendable {
    public let file: String
    public let document: JSONDocument
    /// Where a collecting reader logs; nil for a strict one.
    let log: DiagnosticLog?

    public init(file: String, document: JSONDocument) {
        self.file = file
        self.document = document
        log = nil
    }

    private init(file: String, document: JSONDocument, log: DiagnosticLog) {
        self.file = file
        self.document = document
        self.log = log
    }

    /// Runs `decode` with a collecting reader: what it returned (nil when it could not go on),
    /// and every diagnostic found, in the order found. A value returned beside errors is what the
    /// decoder made of the rest: optional members with a problem are left out of it.
    package static func collecting<Output>(
        file: String, document: JSONDocument, _ decode: (JSONReader) throws -> Output
    ) -> (output: Output?, diagnostics: [Diagnostic]) {
        let log = DiagnosticLog()
        let reader = JSONReader(file: file, document: document, log: log)
        do {
            return (try decode(reader), log.diagnostics)
        } catch {
            log.add(reader.unlogged(error))
            return (nil, log.diagnostics)
        }
    }

    /// The value `read` reads; when it throws, a strict reader throws the problem and a
    /// collecting one logs it and returns nil, so the decoder goes on with the next value.
    public func recovering<Value, Failure: Error>(_ read: () throws(Failure) -> Value) throws(InputError) -> Value? {
        do {
            return try read()
        } catch {
            guard let log else { throw (error as? InputError) ?? InputError(file: file, message: "\(error)") }
            log.add(unlogged(error))
            return nil
        }
    }

    /// What `read` makes of a required member's `value`; when there is no value, `missing` is
    /// reported (as ``report(_:)`` does) and nil returned, as for a value with a problem.
    public func required<Value>(
        _ value: JSONValue?, missing: @autoclosure () -> InputError, _ read: (JSONValue) throws(InputError) -> Value
    ) throws(InputError) -> Value? {
        guard let value else {
            try report(missing())
            return nil
        }
        return try recovering { () throws(InputError) in try read(value) }
    }

    /// Reports `problem`: a strict reader throws it, a collecting one logs it and goes on.
    public func report(_ problem: InputError) throws(InputError) {
        guard let log else { throw problem }
        log.add(problem.diagnostics)
    }

    /// Thrown when a collecting reader cannot go on because a value it needs had a problem (which
    /// is already logged). A strict reader has thrown that problem before getting here.
    public var stopped: InputError {
        var stop = InputError(log.map(\.diagnostics).flatMap { $0.isEmpty ? nil : $0 } ?? error("", "the document could not be read").diagnostics)
        stop.isLogged = log != nil
        return stop
    }

    /// The diagnostics of a thrown `error` that are not in the log yet.
    private func unlogged(_ error: any Error) -> [Diagnostic] {
        guard let problem = error as? InputError else { return [Diagnostic(.structure, file: file, message: "\(error)")] }
        return problem.isLogged ? [] : problem.diagnostics
    }

    /// An error located at `pointer`.
    public func error(_ pointer: String, _ message: String, hint: String? = nil, code: Diagnostic.Code = .structure) -> InputError {
        InputError(file: file, location: document.location(of: pointer), pointer: pointer, message: message, hint: hint, code: code)
    }

    /// The problems of a value's own parser (a template string's ``TemplateError``) located at
    /// the value, `pointer`: each keeps its code, message and fix.
    public func error(_ error: some DiagnosticConvertible, at pointer: String) -> InputError {
        let location = document.location(of: pointer)
        return InputError(error.diagnostics(file: file).map { diagnostic in
            var located = diagnostic
            located.location = diagnostic.location ?? location
            located.pointer = Diagnostic.clipped(pointer)
            return located
        })
    }

    /// The members of the object `value`, checking that no member outside `allowed` is present
    /// (a misspelt member would otherwise be silently ignored, and a vector could check nothing).
    /// Members whose name starts with `$` (`$schema`, `$comment`) are annotations for editors and
    /// people: allowed everywhere, and left out of the result so no decoder mistakes one for data.
    public func members(
        _ value: JSONValue, at pointer: @autoclosure () -> String, allowed: Set<String>
    ) throws(InputError) -> [(key: String, value: JSONValue)] {
        guard let members = value.objectMembers else {
            throw error(pointer(), "expected an object, found \(value.typeName)")
        }
        var annotated = false
        var unknown: [Int: String?] = [:]
        for (index, member) in members.enumerated() where !allowed.contains(member.key) {
            if member.key.hasPrefix("$") {
                annotated = true
                continue
            }
            let suggestion = nearestName(to: member.key, in: allowed)
            let problem = error(
                JSONPointer.appending(pointer(), member.key), "unknown member \"\(member.key)\"",
                hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "known members: \(allowed.sorted().joined(separator: ", "))",
                code: .unknownMember)
            guard let log else { throw problem }
            log.add(problem.diagnostics)
            unknown[index] = suggestion
        }
        guard annotated || !unknown.isEmpty else { return members }
        // Collecting: a misspelt member is read as the name it was meant to be (unless that name is
        // also written), so what follows is checked as the author meant it; other unknowns are left out.
        let written = Set(members.map(\.key))
        var kept: [(key: String, value: JSONValue)] = []
        for (index, member) in members.enumerated() where !member.key.hasPrefix("$") {
            guard let suggestion = unknown[index] else {
                kept.append(member)
                continue
            }
            if let intended = suggestion, !written.contains(intended), !kept.contains(where: { $0.key == intended }) {
                kept.append((intended, member.value))
            }
        }
        return kept
    }

    public func string(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> String {
        guard case .string(let text) = value else { throw error(pointer(), "expected a string, found \(value.typeName)") }
        return text
    }

    /// An integer written as a JSON number (or a string of digits, as venues often send them).
    public func integer(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> Int64 {
        let text: String
        switch value {
        case .number(let n): text = n
        case .string(let s): text = s
        default: throw error(pointer(), "expected an integer, found \(value.typeName)")
        }
        guard let integer = Int64(text) else {
            throw error(pointer(), "expected an integer in the 64-bit range, found \(text)", hint: "milliseconds since the epoch are integers")
        }
        return integer
    }

    public func stringArray(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> [String] {
        guard case .array(let elements) = value else { throw error(pointer(), "expected an array of strings, found \(value.typeName)") }
        var out: [String] = []
        for (index, element) in elements.enumerated() {
            out.append(try string(element, at: JSONPointer.appending(pointer(), index)))
        }
        return out
    }

    /// An object whose members are all strings, in source order.
    public func stringPairs(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> [(String, String)] {
        guard let members = value.objectMembers else { throw error(pointer(), "expected an object, found \(value.typeName)") }
        var out: [(String, String)] = []
        for member in members {
            out.append((member.key, try string(member.value, at: JSONPointer.appending(pointer(), member.key))))
        }
        return out
    }
}
