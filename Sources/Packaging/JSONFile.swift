import Foundation

/// Writes manifests as stable JSON: sorted keys, snake_case, same bytes for the same value.
public enum JSONFile {
    /// Writes `value` and returns the bytes written.
    @discardableResult
    public static func write<T: Encodable>(_ value: T, to url: URL) throws -> Data {
        let data = try encode(value)
        try data.write(to: url, options: .atomic)
        return data
    }

    /// The bytes `write` writes.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes what `encode` made.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data)
    }

    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        try decode(type, from: Data(contentsOf: url))
    }
}
