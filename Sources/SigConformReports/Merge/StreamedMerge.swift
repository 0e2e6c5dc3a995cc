import SigConformCore

extension ReportMerger {
    /// Merges the JSON report files `paths` (command-line order) into `stream`, reading each
    /// file twice and holding only the ids and places of its vectors: once to check it and
    /// learn its vectors' order, once to hand the vectors to `stream` in the merged order (a
    /// passed vector goes to the report files' spools and is dropped). Returns the merged
    /// report's own members (``ReportStream/report(merging:)`` adds the vectors); a file that
    /// cannot be read is one input error, as in ``merge(_:)``.
    package static func merge(files paths: [String], into stream: ReportStream) -> RunReport {
        var files: [ReportFile] = []
        var entries: [[ReportFile.Entry]] = []
        var parts: [Part] = []
        var unreadable: [InputErrorReport] = []
        // Many vectors name the same few vector files: one copy of each name.
        var fileNames: [String: String] = [:]
        for path in paths {
            do {
                let file = try ReportFile(path: path)
                var keys: [Key] = []
                var places: [ReportFile.Entry] = []
                let report = try file.scan { vector, entry throws(InputError) in
                    var key = Key(vector, entry: keys.count)
                    if let known = fileNames[key.file] { key.file = known } else { fileNames[key.file] = key.file }
                    keys.append(key)
                    places.append(entry)
                }
                files.append(file)
                entries.append(places)
                parts.append(Part(name: path, report: report, keys: keys))
            } catch {
                unreadable.append(InputErrorReport(error))
            }
        }
        var (merged, order) = plan(parts)
        var failed: Set<Int> = []
        for (part, entry) in order where !failed.contains(part) {
            do {
                stream.add(try files[part].vector(at: entries[part][entry]))
            } catch {
                // The file changed since it was checked: said once, and its other vectors left out.
                merged.inputErrors.append(InputErrorReport(error))
                failed.insert(part)
            }
        }
        merged.inputErrors += unreadable
        merged.context.mergedReports = paths.count
        return merged
    }
}
