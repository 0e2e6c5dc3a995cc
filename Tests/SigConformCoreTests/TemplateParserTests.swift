import SigConformCore
import Testing

@Suite struct TemplateParserTests {
    @Test func parsesLiteralsVariablesAndEscapedBraces() throws {
        let template = try TemplateParser().parse("{method}\n{{x}}{header:X-Foo}{query?}")
        #expect(template.parts == [
            .variable(.method, optional: false), .literal("\n{x}"), .variable(.header("X-Foo"), optional: false),
            .variable(.query, optional: true),
        ])
    }

    @Test func everySimpleVariableIsNamedAsItIsWritten() throws {
        // Prehash segments are labelled with the name; the template source shows it.
        for (name, variable) in Variable.simpleNames {
            #expect(variable.description == name)
            #expect(try TemplateParser().parse("{\(name)}").parts == [.variable(variable, optional: false)])
        }
    }

    @Test func refusesEveryNameForTheSecret() {
        for name in ["secret", "apiSecret", "secretKey"] {
            #expect(throws: TemplateError.self) { try TemplateParser().parse("{\(name)}") }
        }
    }

    @Test func suggestsTheNearestVariableForATypo() {
        do {
            _ = try TemplateParser().parse("{timestmp}")
            Issue.record("a misspelt variable must be refused")
        } catch {
            #expect(error.problems.map(\.hint) == ["did you mean {timestamp}?"])
        }
    }

    @Test func boundsTemplateSize() {
        #expect(throws: TemplateError.self) { try TemplateParser().parse(String(repeating: "a", count: 5000)) }
    }

    @Test func rejectsUnbalancedBraces() {
        #expect(throws: TemplateError.self) { try TemplateParser().parse("{method") }
        #expect(throws: TemplateError.self) { try TemplateParser().parse("method}") }
    }

    @Test func reportsEveryProblemOfATemplateInOnePass() throws {
        // A misspelt variable, a lone '}', the secret, and a '{' never closed: all four, in text order.
        let error = try #require(throws: TemplateError.self) { try TemplateParser().parse("{timestmp}}x{secret}\n{method") }
        #expect(error.problems.map(\.offset) == [0, 10, 12, 21])
        #expect(error.problems.map(\.message) == ["unknown variable {timestmp}", "'}' without an opening '{'",
                                                   "{secret}: the secret is never available to a template", "'{' without a closing '}'"])
        let diagnostics = error.diagnostics(file: "venue.json")
        #expect(diagnostics.map(\.code) == Array(repeating: .template, count: 4))
        #expect(diagnostics[0].description == "venue.json: error: bad template: unknown variable {timestmp} (character 1) [template]\n    fix: did you mean {timestamp}?")
    }
}
