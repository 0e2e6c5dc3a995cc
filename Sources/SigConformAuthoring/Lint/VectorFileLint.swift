import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Lints one vector file (`.json`) or JSON Lines corpus (`.jsonl`): the header, then each vector
/// on its own, so a broken vector never hides the problems of the others.
struct VectorFileLint {
    let file: String

    /// What the files of one run share.
    struct Context {
        var registry: VenueRegistry
        var unloadableVenues: Set<String>
        var runner: CheckRunner?
        /// `venue/id` → where it was first seen in this file.
        var seen: [String: String] = [:]
        /// Each id's first vector in this file, in order: ``Linter`` checks them against the
        /// files before it (files are linted side by side, each with its own context).
        var firstOccurrences: [Occurrence] = []
    }

    /// Where a vector id first appears in a file.
    struct Occurrence: Sendable {
        var qualifiedID: String
        var id: String
        var venue: String
        var file: String
        var location: SourceLocation?
        var pointer: String
        /// `file:line:column` of its id, for the message of a later duplicate.
        var here: String

        /// The diagnostic for this vector when `first` already holds its id.
        func duplicate(of first: String) -> Diagnostic {
            Diagnostic(.duplicateID, file: file, location: location, pointer: pointer,
                       message: "duplicate vector id \"\(id)\" for \(venue) (first at \(first))",
                       fix: "ids are unique per venue across its files (reports and baselines name vectors by venue/id); rename one",
                       subject: qualifiedID)
        }
    }

    /// Where one vector is: its pointer, and how to turn pointers into file locations.
    struct Place {
        var base: String
        var locate: (String) -> SourceLocation?
    }

    func run(context: inout Context, report: inout LintReport) {
        if CorpusLoader.isJSONLines(file) {
            runLines(context: &context, report: &report)
            return
        }
        let (loaded, failure) = FileLoad.document(file)
        guard let document = loaded else {
            report.diagnostics += failure
            return
        }
        let locate: (String) -> SourceLocation? = { document.location(of: $0) }
        report.diagnostics += Placeholders.scan(document.root, file: file, locate: locate)
        // The header alone (format, venue, defaults, descriptive members), then each vector on its own.
        let decodedHeader = JSONReader.collecting(file: file, document: document) { reader in try VectorDecoder().decodeHeader(reader) }
        report.diagnostics += decodedHeader.diagnostics.map(\.lint)
        guard let header = decodedHeader.output, let venue = header.venue, let elements = header.vectors else { return }
        let defaults = header.defaults
        let venueUsable = checkVenue(venue, pointer: "/venue", place: Place(base: "", locate: locate), context: context, report: &report)
        checkFolder(venue, locate: locate, report: &report)
        for (index, element) in elements.enumerated() {
            let base = JSONPointer.appending("/vectors", index)
            let merged = VectorDecoder.merge(defaults: defaults, into: element)
            report.noteCredentials(in: merged)
            let decoded = JSONReader.collecting(file: file, document: document) { reader in
                try VectorDecoder().decodeVector(merged, at: base, reader: reader, fileVenue: venue)
            }
            let label = element["id"]?.stringValue.map { "\(venue)/\($0)" }
            report.diagnostics += decoded.diagnostics.map { $0.lint(subject: label) }
            if let vector = decoded.output {
                check(vector, raw: merged, place: Place(base: base, locate: locate), venueUsable: venueUsable, context: &context, report: &report)
            }
        }
    }

    /// Each line its own vector, located by line number.
    func runLines(context: inout Context, report: inout LintReport) {
        let bytes: [UInt8]
        do { bytes = try FileReader.read(file) } catch {
            report.diagnostics += error.lintDiagnostics(code: .syntax)
            return
        }
        var lineNumber = 0
        for var line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == 0x0D { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let number = lineNumber
            let document: JSONDocument
            do { document = try JSONParser().parse(Array(line)) } catch {
                report.diagnostics += error.onLine(number).diagnostics(file: file).map { diagnostic in
                    var diagnostic = diagnostic
                    diagnostic.pointer = ""
                    return diagnostic
                }
                continue
            }
            let locate: (String) -> SourceLocation? = { document.location(of: $0).map { SourceLocation(line: number, column: $0.column) } }
            report.diagnostics += Placeholders.scan(document.root, file: file, locate: locate)
            report.noteCredentials(in: document.root)
            let decoded = JSONReader.collecting(file: file, document: document) { reader in
                try VectorDecoder().decodeVector(document.root, at: "", reader: reader, fileVenue: nil)
            }
            let label = document.root["venue"]?.stringValue.flatMap { venue in document.root["id"]?.stringValue.map { "\(venue)/\($0)" } }
            report.diagnostics += decoded.diagnostics.map { error in
                var diagnostic = error.lint(subject: label)
                diagnostic.location = locate(error.pointer ?? "")
                return diagnostic
            }
            guard let vector = decoded.output else { continue }
            let place = Place(base: "", locate: locate)
            let usable = checkVenue(vector.venue, pointer: "/venue", place: place, context: context, report: &report)
            check(vector, raw: document.root, place: place, venueUsable: usable, context: &context, report: &report)
        }
    }

    /// Reports an unknown or unloadable venue; true when the vectors can be checked against it.
    func checkVenue(_ venue: String, pointer: String, place: Place, context: Context, report: inout LintReport) -> Bool {
        if context.unloadableVenues.contains(venue) {
            report.diagnostics.append(Diagnostic(.venueNotLoaded, severity: .warning, file: file, location: place.locate(pointer), pointer: pointer,
                                                     message: "venue \"\(venue)\" has errors in its venue.json, so these vectors were only checked for structure",
                                                     fix: "fix the venue.json errors reported for \(venue)"))
            return false
        }
        guard context.registry[venue] == nil else { return true }
        let known = context.registry.sorted.map(\.id)
        let suggestion = nearestName(to: venue, in: known)
        report.diagnostics.append(Diagnostic(.unknownVenue, file: file, location: place.locate(pointer), pointer: pointer,
                                                 message: "unknown venue \"\(venue)\"",
                                                 fix: suggestion.map { "did you mean \"\($0)\"?" }
                                                     ?? "create vectors/\(venue)/venue.json (sigconform venue new \(venue)), or pass its folder with --venues"))
        return false
    }

    /// A vector file in the folder of a venue belongs to that venue.
    func checkFolder(_ venue: String, locate: (String) -> SourceLocation?, report: inout LintReport) {
        let folder = (file as NSString).deletingLastPathComponent
        let folderName = (folder as NSString).lastPathComponent
        guard folderName != venue, FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("venue.json")) else { return }
        report.diagnostics.append(Diagnostic(.venueFolder, severity: .warning, file: file, location: locate("/venue"), pointer: "/venue",
                                                 message: "a file of \"\(venue)\" vectors in the folder of venue \"\(folderName)\"",
                                                 fix: "move it to vectors/\(venue)/, or correct \"venue\""))
    }

    func check(_ vector: Vector, raw: JSONValue, place: Place, venueUsable: Bool, context: inout Context, report: inout LintReport) {
        report.vectors += 1
        func emit(_ rule: Diagnostic.Code, _ pointer: String, _ message: String, fix: String?, severity: Diagnostic.Severity = .error) {
            let absolute = place.base + pointer
            report.diagnostics.append(Diagnostic(rule, severity: severity, file: file, location: place.locate(absolute), pointer: absolute,
                                                     message: message, fix: fix, subject: vector.qualifiedID))
        }
        let here = place.locate(place.base + "/id").map { "\(file):\($0)" } ?? file
        let occurrence = Occurrence(qualifiedID: vector.qualifiedID, id: vector.id, venue: vector.venue, file: file,
                                    location: place.locate(place.base + "/id"), pointer: place.base + "/id", here: here)
        if let first = context.seen[vector.qualifiedID] {
            report.diagnostics.append(occurrence.duplicate(of: first))
        } else {
            context.seen[vector.qualifiedID] = here
            context.firstOccurrences.append(occurrence)
        }
        var diagnosisKnown = true
        for (index, id) in (vector.expect.diagnosis ?? []).enumerated() where DiagnosisClass(rawValue: id) == nil {
            diagnosisKnown = false
            let suggestion = nearestName(to: id, in: DiagnosisClass.allCases.map(\.rawValue))
            emit(.unknownDiagnosis, "/expect/diagnosis/\(index)", "unknown diagnosis class \"\(id)\"",
                 fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "see the class table in docs/vector-format.md")
        }
        if venueUsable, let recipe = context.runner?.registry[vector.venue]?.hmac {
            for problem in recipe.unknownKeyChoices(vector.keyChoices) {
                let name = String(problem.prefix { $0 != ":" }.dropFirst("keyOptions.".count))
                emit(.keyOption, JSONPointer.appending("/keyOptions", name), problem,
                     fix: "name an option and choice from the venue's hmac.keyOptions (docs/recipes.md, Key options)")
            }
            for option in recipe.keyOptions where vector.keyChoices[option.name] == nil {
                emit(.keyOption, "/id", "the vector names no choice for the key option \"\(option.name)\" (\(option.choices.map(\.name).joined(separator: ", "))): it is checked under each in turn",
                     fix: "add \"keyOptions\": {\"\(option.name)\": \"…\"} (or to the file's defaults) with the setting the request was made for",
                     severity: .warning)
            }
        }
        // A vector still holding placeholders is reported as such; signing it would only add noise.
        guard venueUsable, let runner = context.runner, Placeholders.scan(raw, file: file, locate: { _ in nil }).isEmpty else { return }
        MeaningLint(runner: runner).check(vector, raw: raw, compareDiagnosis: diagnosisKnown) { emit($0, $1, $2, fix: $3) }
    }
}
