import FuzzTargets

/// libFuzzer entry point for `FuzzTargets.venueJSON`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.venueJSON(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
