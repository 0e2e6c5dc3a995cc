import Foundation
import SigConform
import Testing

/// The JSON Schemas in vectors/schema describe exactly what the decoders accept.
@Suite("JSON Schemas")
struct SchemaTests {
    static func schema(_ name: String) throws -> JSONValue {
        try FileReader.readJSON(RepoPaths.vectors.appendingPathComponent("schema/\(name)").path).document.root
    }

    /// The value at a JSON pointer (RFC 6901 tokens without escapes, enough for these schemas).
    static func at(_ pointer: String, in value: JSONValue) -> JSONValue? {
        pointer.split(separator: "/").reduce(Optional(value)) { node, token in
            if let elements = node?.arrayValue, let index = Int(token) { return elements.indices.contains(index) ? elements[index] : nil }
            return node?[String(token)]
        }
    }

    static func propertyNames(_ pointer: String, in schema: JSONValue) -> Set<String> {
        Set(at(pointer + "/properties", in: schema)?.objectMembers?.map(\.key) ?? [])
    }

    static func enumValues(_ pointer: String, in schema: JSONValue) -> Set<String> {
        Set(at(pointer, in: schema)?.arrayValue?.compactMap(\.stringValue) ?? [])
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableReason))
    func everyBundledVenueAndVectorFileIsValid() throws {
        let files = RepoPaths.venueFiles + RepoPaths.vectorFiles
        #expect(files.count > 20)
        let results = try SchemaValidator.validate(files)
        for file in files {
            let result = try #require(results[file], "no result for \(file)")
            #expect(result.valid, "\(file): \(result.errors.map { "\($0.pointer): \($0.message)" }.joined(separator: "; "))")
        }
    }

    @Test func vectorSchemaMembersAreTheDecodersMembers() throws {
        let schema = try Self.schema("vectors.schema.json")
        #expect(Self.propertyNames("", in: schema) == VectorDecoder.fileMembers)
        #expect(Self.propertyNames("$defs/vector", in: schema) == VectorDecoder.vectorMembers)
        #expect(Self.propertyNames("$defs/lineVector", in: schema) == VectorDecoder.vectorMembers)
        #expect(Self.propertyNames("properties/defaults", in: schema) == VectorDecoder.vectorMembers)
        #expect(Self.propertyNames("$defs/vector/properties/request", in: schema) == VectorDecoder.requestMembers)
        #expect(Self.propertyNames("$defs/vector/properties/credentials", in: schema) == VectorDecoder.credentialMembers)
        #expect(Self.propertyNames("$defs/vector/properties/time", in: schema) == VectorDecoder.timeMembers)
        #expect(Self.propertyNames("$defs/vector/properties/expect", in: schema) == VectorDecoder.expectMembers)
    }

    @Test func venueSchemaMembersAreTheDecodersMembers() throws {
        let schema = try Self.schema("venue.schema.json")
        #expect(Self.propertyNames("", in: schema) == RecipeDecoder.venueMembers)
        #expect(Self.propertyNames("properties/hmac", in: schema) == RecipeDecoder.hmacMembers)
        #expect(Self.propertyNames("$defs/location", in: schema) == RecipeDecoder.locationMembers)
        #expect(Self.propertyNames("properties/reads", in: schema) == RecipeDecoder.readsMembers)
        #expect(Self.propertyNames("properties/reads/properties/headers/items", in: schema) == RecipeDecoder.selectingHeaderMembers)
        #expect(Self.propertyNames("$defs/otherScheme", in: schema) == RecipeDecoder.otherSchemeMembers)
        #expect(Self.propertyNames("$defs/schemeSign", in: schema) == RecipeDecoder.schemeSignMembers)
    }

    @Test func schemaEnumerationsAreTheSwiftEnumerations() throws {
        let venue = try Self.schema("venue.schema.json")
        let vectors = try Self.schema("vectors.schema.json")
        #expect(Self.enumValues("$defs/hash/anyOf/0/enum", in: venue) == Set(HashAlgorithm.allCases.map(\.rawValue)))
        #expect(Self.enumValues("properties/hmac/properties/secret/enum", in: venue) == Set(SecretEncoding.allCases.map(\.rawValue)))
        #expect(Self.enumValues("properties/hmac/properties/signature/properties/encoding/enum", in: venue) == Set(ByteEncoding.allCases.map(\.rawValue)))
        #expect(Self.enumValues("properties/hmac/properties/timestamp/properties/format/enum", in: venue) == Set(TimestampFormat.allCases.map(\.rawValue)))
        #expect(Self.enumValues("$defs/digestPart/properties/output/enum", in: venue) == Set(DigestOutput.allCases.map(\.rawValue)))
        #expect(Self.enumValues("properties/hmac/properties/paramString/properties/booleans/enum", in: venue)
            == Set(ParamStringRule.BooleanStyle.allCases.map(\.rawValue)))
        #expect(Self.enumValues("properties/hmac/properties/paramString/properties/numbers/enum", in: venue)
            == Set(ParamStringRule.NumberStyle.allCases.map(\.rawValue)))
        // A vector file's vectors and a JSON Lines file's vectors each have their own copy of these lists.
        for definition in ["vector", "lineVector"] {
            #expect(Self.enumValues("$defs/\(definition)/properties/result/enum", in: vectors) == Set(ExpectedResult.allCases.map(\.rawValue)),
                    "$defs/\(definition) lists other results")
            #expect(Self.enumValues("$defs/\(definition)/properties/expect/properties/diagnosis/items/enum", in: vectors)
                == Set(DiagnosisClass.allCases.map(\.rawValue)), "$defs/\(definition) lists other diagnosis classes")
        }
    }

    @Test func templatePatternNamesEveryVariable() throws {
        let pattern = try #require(Self.at("$defs/templateString/pattern", in: try Self.schema("venue.schema.json"))?.stringValue)
        let alternation = try #require(pattern.firstRange(of: "(?:(?:")).upperBound
        let names = pattern[alternation...].prefix { $0 != ")" }.split(separator: "|").map(String.init)
        #expect(Set(names) == Set(Variable.simpleNames.keys))
    }
}
