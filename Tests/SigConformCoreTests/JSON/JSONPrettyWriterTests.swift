import Foundation
import SigConformCore
import Testing

@Suite("JSONWriter.pretty")
struct JSONPrettyWriterTests {
    @Test("rewrites every bundled vector file byte for byte", arguments: RepoPaths.vectorFiles)
    func rewritesBundledVectorFilesUnchanged(path: String) throws {
        let bytes = try FileReader.read(path)
        let document = try JSONParser().parse(bytes)
        #expect(JSONWriter.pretty(document.root, layout: .vectorFile) == String(decoding: bytes, as: UTF8.self))
    }

    @Test func matchesPythonIndentTwoForNestedAndEmptyContainers() throws {
        let value = try JSONParser().parse(#"{"a":[],"b":{},"c":[1,{"d":"\u0001é\n"}],"e":1.50}"#).root
        #expect(JSONWriter.pretty(value) == """
            {
              "a": [],
              "b": {},
              "c": [
                1,
                {
                  "d": "\\u0001é\\n"
                }
              ],
              "e": 1.50
            }

            """)
    }

    @Test func inlineLayoutKeepsShortContainersOnOneLine() throws {
        let value = try JSONParser().parse(#"{"hmac":{"signature":{"in":{"header":"X-SIGN"},"encoding":"hex"},"notes":["one","two"]}}"#).root
        #expect(JSONWriter.pretty(value, layout: .init(indent: 2, inlineWidth: 80)) == """
            {
              "hmac": {
                "signature": { "in": { "header": "X-SIGN" }, "encoding": "hex" },
                "notes": ["one", "two"]
              }
            }

            """)
    }

    @Test func inlineLayoutExpandsWhatDoesNotFit() throws {
        let value = try JSONParser().parse(#"{"notes":["a long note that does not fit","another"]}"#).root
        #expect(JSONWriter.pretty(value, layout: .init(indent: 2, inlineWidth: 20)) == """
            {
              "notes": [
                "a long note that does not fit",
                "another"
              ]
            }

            """)
    }
}
