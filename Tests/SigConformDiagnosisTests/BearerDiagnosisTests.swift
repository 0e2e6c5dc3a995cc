import SigConform
import Testing

@Suite struct BearerDiagnosisTests {
    static let venue = Venue(id: "relay", name: "relay", docs: "https://example.invalid", auth: .bearer(BearerRecipe()), file: "-")
    static let key = "sk-test-0123456789abcdef"

    func diagnose(_ header: String?) -> Diagnosis {
        var request = HTTPRequest(method: "POST", path: "/v1/chat/completions")
        if let header { request.headers.set("Authorization", header) }
        let vector = Vector(id: "x", venue: "relay", credentials: Credentials(apiKey: Self.key), request: request, result: .invalid,
                            expect: Expectation(diagnosis: ["missing_bearer_prefix"]), origin: VectorOrigin(file: "-", pointer: "", location: nil))
        let evaluation = VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: Self.venue)
        return Diagnoser(backends: [PureSwiftBackend()]).diagnose(evaluation)
    }

    @Test(arguments: [
        "sk-test-0123456789abcdef", "bearer sk-test-0123456789abcdef", "Token sk-test-0123456789abcdef",
        "Bearer  sk-test-0123456789abcdef", "Bearer Bearer sk-test-0123456789abcdef", "Bearersk-test-0123456789abcdef",
    ])
    func everyPrefixMistakeIsNamed(header: String) {
        #expect(diagnose(header).classIDs == ["missing_bearer_prefix"])
    }

    @Test func aTrailingNewlineIsSecretWhitespace() {
        #expect(diagnose("Bearer \(Self.key)\n").classIDs == ["secret_whitespace"])
    }

    @Test func anotherKeyIsUnexplainedWithoutPrintingEitherKey() {
        let diagnosis = diagnose("Bearer sk-other-999999999999999")
        #expect(diagnosis.classIDs == ["unexplained"])
        #expect(!diagnosis.evidence.joined().contains(Self.key))
        #expect(!diagnosis.evidence.joined().contains("sk-other-999999999999999"))
    }
}
