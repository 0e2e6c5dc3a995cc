import Foundation
import SigConform

/// `--record DIR`: every verified request as a vector, in `DIR/<venue>/serve.json` (created with
/// the standard header, or appended to): accepted requests as valid vectors with the correct
/// prehash and signature, rejected ones as invalid with their diagnosis.
package struct ServeRecorder: Sendable {
    package let directory: String
    let recorder: VectorRecorder

    package static let maximumPerVenue = 2_000

    package init(directory: String, registry: VenueRegistry, backends: [any MACBackend]) {
        self.directory = directory
        self.recorder = VectorRecorder(registry: registry, backends: backends)
    }

    /// What was written, and what could not be.
    package struct Outcome: Sendable {
        package var files: [String] = []
        package var recorded = 0
        package var problems: [String] = []
    }

    package func write(_ exchanges: [ServedExchange], venues: [Venue]) -> Outcome {
        var outcome = Outcome()
        for venue in venues {
            let mine = exchanges.filter { $0.verdict?.vector.venue == venue.id && $0.credentials != nil }
            guard !mine.isEmpty else { continue }
            let folder = (directory as NSString).appendingPathComponent(venue.id)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                outcome.problems.append("cannot create \(folder): \(error.localizedDescription)")
                continue
            }
            let path = (folder as NSString).appendingPathComponent("serve.json")
            let appender = VectorFileAppender(path: path, schemaDirectory: nil)
            var taken: Set<String>
            do { taken = try appender.existingIDs() } catch {
                outcome.problems.append("\(path): \(error.description)")
                continue
            }
            var vectors: [Vector] = []
            for exchange in mine {
                guard let credentials = exchange.credentials, let id = exchange.verdict?.vector.id else { continue }
                let capture = VectorRecorder.Capture(venue: venue, request: exchange.request, credentials: credentials,
                                                     comment: "Served by sigconform serve as \(id).", tags: ["serve"],
                                                     serverTime: exchange.serverTime)
                do {
                    let recording = try recorder.record(capture, takenIDs: taken)
                    taken.insert(recording.vector.id)
                    vectors.append(recording.vector)
                } catch {
                    outcome.problems.append("\(id) was not recorded: \(error.description)")
                }
            }
            // The appender rewrites the file per vector (its layout stays the standard one), so a
            // run records at most `maximumPerVenue` requests per venue.
            if vectors.count > Self.maximumPerVenue {
                outcome.problems.append("\(venue.id): only the first \(Self.maximumPerVenue) of \(vectors.count) requests were recorded")
                vectors = Array(vectors.prefix(Self.maximumPerVenue))
            }
            do {
                for vector in vectors { try appender.append(vector, description: "Requests served by sigconform serve.") }
                outcome.files.append(path)
                outcome.recorded += vectors.count
            } catch {
                outcome.problems.append("\(path): \(error.description)")
            }
        }
        return outcome
    }
}
