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
            #expect(error.hint == "did you mean {timestamp}?")
        }
    }

    @Test func boundsTemplateSize() {
        #expect(throws: TemplateError.self) { try TemplateParser().parse(String(repeating: "a", count: 5000)) }
    }

    @Test func rejectsUnbalancedBraces() {
        #expect(throws: TemplateError.self) { try TemplateParser().parse("{method") }
        #expect(throws: TemplateError.self) { try TemplateParser().parse("method}") }
    }
}
