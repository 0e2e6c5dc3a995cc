import SigConform
import Testing

@Suite struct MistakeVariantTests {
    @Test func permutationsCoverEveryOrderOnce() {
        let orders = Mistake.permutations([1, 2, 3, 4])
        #expect(orders.count == 24)
        #expect(Set(orders).count == 24)
    }

    @Test func numberStylesRewriteFloatsTheWayClientsDo() throws {
        let value = try JSONParser().parse(#"{"price":219.0,"qty":1e-8,"n":5}"#).root
        let variants = Dictionary(NumberStyle.variants(of: value).map { ($0.0, JSONWriter.compact($0.1)) }, uniquingKeysWith: { a, _ in a })
        #expect(variants.values.contains(#"{"price":219,"qty":1e-8,"n":5}"#))
        #expect(variants.values.contains(#"{"price":219.0,"qty":1e-08,"n":5}"#))
        #expect(variants.values.contains(#"{"price":219.0,"qty":0.00000001,"n":5}"#))
    }

    @Test func pythonReprIsWrittenLikePythonsStr() throws {
        let value = try JSONParser().parse(#"{"a":"x","b":true,"c":null,"d":[1,"y"]}"#).root
        #expect(JSONWriter.write(value, style: .pythonRepr) == "{'a': 'x', 'b': True, 'c': None, 'd': [1, 'y']}")
    }

    @Test func hexEscapeCaseIsChangedOnlyInsideEscapes() {
        #expect(Mistake.lowerHexEscapes("a%2Fb%C3%A9C") == "a%2fb%c3%a9C")
    }

    @Test func omissionsReachInsideDigests() throws {
        let inner = try TemplateParser().parse("{nonce}{body}")
        let template = Template([.variable(.path, optional: false), .digest(.sha256, .raw, inner)])
        let labels = Mistake.omissions(of: template).map(\.0)
        #expect(labels.contains("left {nonce} out of the prehash inside the sha256 digest"))
        #expect(labels.contains("left {path} out of the prehash"))
    }
}
