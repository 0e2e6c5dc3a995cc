import FuzzTargets

/// libFuzzer entry point for `FuzzTargets.reportJSON`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.reportJSON(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
