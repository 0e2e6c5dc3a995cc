// The library product users import: `import SigConform` brings every layer.
@_exported import SigConformMAC
@_exported import SigConformOpenSSL
@_exported import SigConformSelfTest
@_exported import SigConformCore
@_exported import SigConformDiagnosis
@_exported import SigConformRun
@_exported import SigConformReports
@_exported import SigConformAuthoring
