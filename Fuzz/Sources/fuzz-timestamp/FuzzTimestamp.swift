import FuzzTargets

/// libFuzzer entry point for `FuzzTargets.timestamp`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.timestamp(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
